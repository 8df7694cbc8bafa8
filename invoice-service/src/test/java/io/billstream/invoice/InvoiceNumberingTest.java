package io.billstream.invoice;

import io.billstream.platform.security.InternalTokenService;
import io.billstream.testsupport.ServiceIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

@ServiceIntegrationTest
class InvoiceNumberingTest {

    @Autowired
    InternalTokenService tokens;
    @Value("${local.server.port}")
    int port;

    @Test
    void fiftyConcurrentIssuesInOneTenantGetGaplessUniqueNumbers() throws Exception {
        InvoiceHttp http = new InvoiceHttp(tokens, port);
        String customer = http.customer("Umbrella");
        List<String> drafts = IntStream.range(0, 50).mapToObj(i -> http.draft(customer)).toList();
        // A refused issue (no lines) in the middle must not consume a number.
        String empty = http.post("/v1/invoices", "{\"customerId\": \"" + customer + "\"}").text("id");

        List<Callable<InvoiceHttp.Res>> issues = new ArrayList<>();
        drafts.forEach(id -> issues.add(() -> http.post("/v1/invoices/" + id + "/issue", "{}")));
        issues.add(25, () -> http.post("/v1/invoices/" + empty + "/issue", "{}"));
        ExecutorService pool = Executors.newFixedThreadPool(50);
        List<String> numbers = new ArrayList<>();
        try {
            for (Future<InvoiceHttp.Res> result : pool.invokeAll(issues)) {
                InvoiceHttp.Res res = result.get();
                if (res.json().has("number") && res.status() == 200) {
                    numbers.add(res.text("number"));
                } else {
                    assertThat(res.text("code")).isEqualTo("invoice_has_no_lines");
                }
            }
        } finally {
            pool.shutdown();
        }
        int year = LocalDate.now(ZoneOffset.UTC).getYear();
        List<String> expected = IntStream.rangeClosed(1, 50).mapToObj(n -> "%d-%03d".formatted(year, n)).toList();
        assertThat(numbers).hasSize(50).containsExactlyInAnyOrderElementsOf(expected);
    }
}
