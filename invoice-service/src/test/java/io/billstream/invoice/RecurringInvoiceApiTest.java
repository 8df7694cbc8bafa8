package io.billstream.invoice;

import com.fasterxml.jackson.databind.JsonNode;
import io.billstream.platform.events.EventTypes;
import io.billstream.platform.events.IntegrationEvent;
import io.billstream.platform.events.Topics;
import io.billstream.platform.messaging.IntegrationEventCodec;
import io.billstream.platform.security.InternalTokenService;
import io.billstream.testsupport.KafkaProbe;
import io.billstream.testsupport.ServiceIntegrationTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** docs/api-reference.md §11 through HTTP and Kafka on one instance: runs, their invoices, the lifecycle and the refusals. */
@ServiceIntegrationTest
class RecurringInvoiceApiTest {

    @Autowired
    InternalTokenService tokens;
    @Autowired
    IntegrationEventCodec codec;
    @Value("${local.server.port}")
    int port;
    @Value("${spring.kafka.bootstrap-servers}")
    String brokers;
    InvoiceHttp http;
    final LocalDate today = LocalDate.now(ZoneOffset.UTC);

    @BeforeEach
    void tenant() {
        http = new InvoiceHttp(tokens, port);
    }

    static String retainer(String customer, LocalDate anchor, String extra) {
        return """
                {"customerId": "%s", "currency": "USD", "interval": "month", "anchorDate": "%s",
                 "lineItems": [{"description": "Bug fixes & maintenance", "kind": "service", "quantity": "1",
                                "unit": "month", "unitPrice": "800.00", "taxRatePercent": "19"}]%s}"""
                .formatted(customer, anchor, extra);
    }

    @Test
    void aBackdatedMonthlyRetainerIssuesItsDueRunsOldestFirst() {
        String customer = http.customer("Globex");
        LocalDate anchor = today.minusMonths(2);
        var created = http.post("/v1/recurring-invoices", retainer(customer, anchor, ", \"sendOnIssue\": true"));
        assertThat(created.status()).isEqualTo(201);
        String id = created.text("id");
        assertThat(id).startsWith("rec_");
        assertThat(created.header("Location")).isEqualTo("/v1/recurring-invoices/" + id);
        assertThat(created.text("status")).isEqualTo("active");
        assertThat(created.text("mode")).isEqualTo("issue");
        assertThat(created.json().get("intervalCount").asInt()).isEqualTo(1);
        assertThat(created.json().get("dueInDays").asInt()).isEqualTo(14);

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(http.get("/v1/recurring-invoices/" + id).json().get("runs").asInt()).isEqualTo(3));
        var schedule = http.get("/v1/recurring-invoices/" + id);
        assertThat(schedule.text("nextRunDate")).isEqualTo(anchor.plusMonths(3).toString());
        assertThat(schedule.text("status")).isEqualTo("active");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                http.get("/v1/invoices?recurringInvoiceId=" + id).json().get("data")).hasSize(3));
        List<JsonNode> invoices = new ArrayList<>();
        http.get("/v1/invoices?recurringInvoiceId=" + id).json().get("data").forEach(invoices::add);
        invoices.sort((a, b) -> a.get("runNumber").asInt() - b.get("runNumber").asInt());
        for (int run = 1; run <= 3; run++) {
            JsonNode invoice = invoices.get(run - 1);
            LocalDate runDate = anchor.plusMonths(run - 1);
            assertThat(invoice.get("runNumber").asInt()).isEqualTo(run);
            assertThat(invoice.get("recurringInvoiceId").asText()).isEqualTo(id);
            assertThat(invoice.get("sendOnIssue").asBoolean()).isTrue();
            assertThat(invoice.get("issueDate").asText()).isEqualTo(runDate.toString());
            assertThat(invoice.get("total").asText()).isEqualTo("952.00");
            JsonNode period = invoice.get("lineItems").get(0).get("period");
            assertThat(period.get("start").asText()).isEqualTo(runDate.toString());
            assertThat(period.get("end").asText()).isEqualTo(anchor.plusMonths(run).minusDays(1).toString());
        }
        // Oldest first: the numbers follow the runs (within one year; they are gapless per year).
        if (anchor.getYear() == today.getYear()) {
            assertThat(invoices).extracting(i -> i.get("number").asText()).isSorted();
        }
        assertThat(schedule.text("lastInvoiceId")).isEqualTo(invoices.get(2).get("id").asText());

        var history = http.get("/v1/recurring-invoices/" + id + "/history").json().get("data");
        assertThat(history).extracting(e -> e.get("type").asText()).containsExactly("RecurringInvoiceCreated",
                "RecurringInvoiceRan", "RecurringInvoiceRan", "RecurringInvoiceRan");
        assertThat(history.get(1).get("actor").get("type").asText()).isEqualTo("system");

        var listed = http.get("/v1/recurring-invoices?customerId=" + customer + "&status=active");
        assertThat(listed.json().get("data")).extracting(s -> s.get("id").asText()).containsExactly(id);
        assertThat(http.get("/v1/recurring-invoices?status=paused").json().get("data")).isEmpty();

        try (KafkaProbe probe = new KafkaProbe(brokers, Topics.INVOICE)) {
            List<ConsumerRecord<String, String>> records = probe.await(r -> id.equals(r.key()), 4,
                    Duration.ofSeconds(60));
            List<IntegrationEvent> events = records.stream().map(r -> codec.decode(r.value())).toList();
            assertThat(events).extracting(IntegrationEvent::type).containsExactly(
                    EventTypes.RECURRING_INVOICE_CREATED, EventTypes.RECURRING_INVOICE_UPDATED,
                    EventTypes.RECURRING_INVOICE_UPDATED, EventTypes.RECURRING_INVOICE_UPDATED);
            assertThat(events.get(3).data().get("runs").asInt()).isEqualTo(3);
            String firstInvoice = invoices.get(0).get("id").asText();
            IntegrationEvent issued = probe.await(r -> firstInvoice.equals(r.key()), 2, Duration.ofSeconds(60))
                    .stream().map(r -> codec.decode(r.value()))
                    .filter(e -> e.type().equals(EventTypes.INVOICE_ISSUED)).findFirst().orElseThrow();
            assertThat(issued.data().get("sendOnIssue").asBoolean()).isTrue();
            assertThat(issued.data().get("recurringInvoiceId").asText()).isEqualTo(id);
            assertThat(issued.data().get("runNumber").asInt()).isEqualTo(1);
        }
    }

    @Test
    void aDraftModeScheduleEndingAfterOneRunCompletesAndRefusesChanges() {
        String customer = http.customer("Initech");
        var created = http.post("/v1/recurring-invoices",
                retainer(customer, today, ", \"mode\": \"draft\", \"endAfterRuns\": 1"));
        assertThat(created.status()).isEqualTo(201);
        String id = created.text("id");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(http.get("/v1/recurring-invoices/" + id).text("status")).isEqualTo("completed"));
        var done = http.get("/v1/recurring-invoices/" + id);
        assertThat(done.json().get("runs").asInt()).isEqualTo(1);
        assertThat(done.json().get("nextRunDate").isNull()).isTrue();
        var invoice = http.get("/v1/invoices/" + done.text("lastInvoiceId"));
        assertThat(invoice.text("status")).isEqualTo("draft");
        assertThat(invoice.text("recurringInvoiceId")).isEqualTo(id);
        assertThat(invoice.json().get("sendOnIssue").asBoolean()).isFalse();

        for (String action : List.of("pause", "resume", "cancel")) {
            var refused = http.post("/v1/recurring-invoices/" + id + "/" + action, null);
            assertThat(refused.status()).as(action).isEqualTo(409);
            assertThat(refused.text("code")).isEqualTo("schedule_not_active");
        }
        var patch = http.patch("/v1/recurring-invoices/" + id, "{\"notes\": \"x\"}", Map.of());
        assertThat(patch.status()).isEqualTo(409);
        assertThat(patch.text("code")).isEqualTo("schedule_not_active");
    }

    @Test
    void pauseResumePatchAndCancel() {
        String customer = http.customer("Umbrella");
        LocalDate anchor = today.plusDays(10);
        String id = http.post("/v1/recurring-invoices", retainer(customer, anchor, "")).text("id");

        var paused = http.post("/v1/recurring-invoices/" + id + "/pause", null);
        assertThat(paused.status()).isEqualTo(200);
        assertThat(paused.text("status")).isEqualTo("paused");
        assertThat(paused.json().get("nextRunDate").isNull()).isTrue();
        assertThat(http.post("/v1/recurring-invoices/" + id + "/pause", null).text("code"))
                .isEqualTo("schedule_not_active");
        var resumed = http.post("/v1/recurring-invoices/" + id + "/resume", null);
        assertThat(resumed.text("status")).isEqualTo("active");
        assertThat(resumed.text("nextRunDate")).isEqualTo(anchor.toString());
        assertThat(http.post("/v1/recurring-invoices/" + id + "/resume", null).text("code"))
                .isEqualTo("schedule_not_paused");

        var stale = http.patch("/v1/recurring-invoices/" + id, "{\"notes\": \"Thanks!\"}", Map.of("If-Match", "\"1\""));
        assertThat(stale.status()).isEqualTo(412);
        String etag = resumed.header("ETag");
        var patched = http.patch("/v1/recurring-invoices/" + id, """
                {"notes": "Thanks!", "endDate": "%s", "lineItems": [{"description": "Support plan", "kind": "service",
                 "quantity": "2", "unit": "month", "unitPrice": "400.00"}]}""".formatted(anchor.plusYears(1)),
                Map.of("If-Match", etag));
        assertThat(patched.status()).isEqualTo(200);
        assertThat(patched.text("notes")).isEqualTo("Thanks!");
        assertThat(patched.text("endDate")).isEqualTo(anchor.plusYears(1).toString());
        assertThat(patched.json().get("lineItems").get(0).get("amount").asText()).isEqualTo("800.00");
        assertThat(patched.json().get("version").asLong()).isEqualTo(4);
        var fixed = http.patch("/v1/recurring-invoices/" + id, "{\"interval\": \"week\"}", Map.of());
        assertThat(fixed.status()).isEqualTo(422);
        assertThat(fixed.json().get("errors").get(0).get("field").asText()).isEqualTo("interval");

        var cancelled = http.post("/v1/recurring-invoices/" + id + "/cancel", null);
        assertThat(cancelled.text("status")).isEqualTo("cancelled");
        assertThat(http.post("/v1/recurring-invoices/" + id + "/cancel", null).status()).isEqualTo(409);

        InvoiceHttp other = new InvoiceHttp(tokens, port);
        assertThat(other.get("/v1/recurring-invoices/" + id).status()).isEqualTo(404);
        assertThat(other.post("/v1/recurring-invoices/" + id + "/pause", null).status()).isEqualTo(404);
        assertThat(http.get("/v1/recurring-invoices/rec_unknown").status()).isEqualTo(404);
    }

    @Test
    void theEndpointsAreInTheOpenApiDocument() {
        JsonNode paths = http.get("/v3/api-docs").json().get("paths");
        assertThat(paths.has("/v1/recurring-invoices")).isTrue();
        for (String path : List.of("", "/pause", "/resume", "/cancel", "/history")) {
            assertThat(paths.has("/v1/recurring-invoices/{id}" + path)).as(path).isTrue();
        }
        assertThat(paths.get("/v1/recurring-invoices/{id}").has("patch")).isTrue();
    }

    @Test
    void badInputIsRefusedWith422AndNothingIsStored() {
        String customer = http.customer("Hooli");
        String archived = http.customer("Pied Piper");
        assertThat(http.delete("/v1/customers/" + archived).status()).isEqualTo(204);
        String foreign = new InvoiceHttp(tokens, port).customer("Other tenant's");
        String lines500 = IntStream.range(0, 501).mapToObj(i ->
                "{\"description\": \"l\", \"kind\": \"service\", \"quantity\": \"1\", \"unitPrice\": \"1.00\"}")
                .collect(Collectors.joining(","));
        Map<String, String> cases = Map.of(
                "customerId", retainer("cus_unknown", today, ""),
                "customerId ", retainer(archived, today, ""),
                "customerId  ", retainer(foreign, today, ""),
                "anchorDate", retainer(customer, today.minusDays(91), ""),
                "intervalCount", retainer(customer, today, ", \"intervalCount\": 13"),
                "endDate", retainer(customer, today, ", \"endAfterRuns\": 3, \"endDate\": \"" + today.plusYears(1)
                        + "\""),
                "lineItems[0].unitPrice", retainer(customer, today, "").replace("\"USD\"", "\"JPY\"")
                        .replace("800.00", "800.50"),
                "lineItems", """
                        {"customerId": "%s", "interval": "month", "anchorDate": "%s", "lineItems": [%s]}"""
                        .formatted(customer, today, lines500));
        cases.forEach((field, body) -> {
            var refused = http.post("/v1/recurring-invoices", body);
            assertThat(refused.status()).as(field).isEqualTo(422);
            assertThat(refused.text("code")).isEqualTo("validation_failed");
            assertThat(refused.json().get("errors")).as(field)
                    .anySatisfy(e -> assertThat(e.get("field").asText()).isEqualTo(field.trim()));
        });
        assertThat(http.get("/v1/recurring-invoices").json().get("data")).isEmpty();
        assertThat(http.get("/v1/invoices").json().get("data")).isEmpty();
    }
}
