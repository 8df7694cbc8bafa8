package io.billstream.invoice;

import io.billstream.platform.security.InternalTokenService;
import io.billstream.testsupport.TestDatabases;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/api-reference.md §13 "never exceed its total, also under concurrent requests": two instances of the service on one database
 * (as deployed), 20 credit requests of 100.00 at once, alternating between them, against an invoice of 1785.00.
 * Each instance's aggregate lock orders its own requests; across instances the event store's unique key lets one
 * append win and ConcurrentAppendRetry runs the loser again on the newer version, where it is decided anew.
 * Its own two contexts on purpose (two instances are the point).
 */
// A property of its own: the default (spring.kafka.bootstrap-servers) is a system property, which would point the
// shared service context's Kafka probes in later test classes at this broker after it stopped.
@EmbeddedKafka(kraft = true, partitions = 1, bootstrapServersProperty = "billstream.test.own-broker")
class CreditNoteConcurrencyTest {

    @Test
    void twentyConcurrentCreditsOnTwoInstancesNeverExceedTheTotal(EmbeddedKafkaBroker broker) throws Exception {
        String url = TestDatabases.createFresh("invoice");
        TestDatabases.Server server = TestDatabases.server();
        String[] args = {
                "--spring.datasource.url=" + url,
                "--spring.datasource.username=" + server.user(),
                "--spring.datasource.password=" + server.password(),
                "--spring.kafka.bootstrap-servers=" + broker.getBrokersAsString(),
                "--server.port=0"};
        try (ConfigurableApplicationContext one = start(args); ConfigurableApplicationContext two = start(args)) {
            InvoiceHttp a = new InvoiceHttp(one.getBean(InternalTokenService.class), port(one));
            InvoiceHttp b = a.on(two.getBean(InternalTokenService.class), port(two));
            String id = a.draft();
            assertThat(a.post("/v1/invoices/" + id + "/issue", "{}").status()).isEqualTo(200);

            int requests = 20;
            ExecutorService pool = Executors.newFixedThreadPool(requests);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<InvoiceHttp.Res>> answers = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                InvoiceHttp instance = i % 2 == 0 ? a : b;
                answers.add(pool.submit(() -> {
                    start.await();
                    return instance.post("/v1/invoices/" + id + "/credit-notes",
                            "{\"amount\": \"100.00\", \"reason\": \"other\"}");
                }));
            }
            start.countDown();
            Map<String, Integer> outcomes = new TreeMap<>();
            List<String> numbers = new ArrayList<>();
            BigDecimal credited = BigDecimal.ZERO;
            for (Future<InvoiceHttp.Res> answer : answers) {
                InvoiceHttp.Res res = answer.get();
                String outcome = res.status() + (res.status() == 201 ? "" : " " + res.text("code"));
                outcomes.merge(outcome, 1, Integer::sum);
                if (res.status() == 201) {
                    numbers.add(res.text("number"));
                    credited = credited.add(new BigDecimal(res.text("total")));
                }
            }
            pool.shutdown();

            // 17 × 100.00 fit into 1785.00; the other 3 are refused, whichever instance they reached
            assertThat(outcomes).as("outcomes").isEqualTo(Map.of("201", 17, "422 credit_exceeds_invoice", 3));
            assertThat(credited).isEqualByComparingTo("1700.00");
            var invoice = b.get("/v1/invoices/" + id);
            assertThat(invoice.text("amountCredited")).isEqualTo("1700.00");
            assertThat(invoice.text("amountDue")).isEqualTo("85.00");
            // gapless: 001…017, each once, though two instances took them
            int year = LocalDate.now(ZoneOffset.UTC).getYear();
            List<String> expected = new ArrayList<>();
            for (int i = 1; i <= 17; i++) {
                expected.add("CN-%d-%03d".formatted(year, i));
            }
            assertThat(numbers).containsExactlyInAnyOrderElementsOf(expected);
            List<String> types = new ArrayList<>();
            a.get("/v1/invoices/" + id + "/history").json().get("data")
                    .forEach(e -> types.add(e.get("type").asText()));
            assertThat(types.stream().filter("CreditNoteIssued"::equals)).hasSize(17);
        }
    }

    private static ConfigurableApplicationContext start(String[] args) {
        return new SpringApplicationBuilder(InvoiceServiceApplication.class)
                .initializers(context -> context.getBeanFactory().registerSingleton("clock", Clock.systemUTC()))
                .run(args);
    }

    private static int port(ConfigurableApplicationContext context) {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }
}
