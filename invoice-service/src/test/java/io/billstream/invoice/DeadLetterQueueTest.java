package io.billstream.invoice;

import com.fasterxml.jackson.databind.JsonNode;
import io.billstream.invoice.invoicing.api.DraftTerms;
import io.billstream.invoice.invoicing.api.UpdateInvoiceDraft;
import io.billstream.invoice.config.InvoiceDeadLetterConfiguration;
import io.billstream.invoice.invoicing.domain.InvoiceMetaData;
import io.billstream.platform.security.Actor;
import io.billstream.platform.security.ActorType;
import io.billstream.platform.security.Caller;
import io.billstream.platform.security.InternalTokenService;
import io.billstream.platform.security.TenantId;
import io.billstream.testsupport.ServiceIntegrationTest;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 15 §2: an event the invoice-view projection cannot apply parks only that invoice's sequence; the other
 * invoices of the same segment keep flowing; the parked sequence is visible (gauge, operator listing) and can be
 * retried once the cause is fixed, or evicted. The failures are real PostgreSQL errors in the projection's write (a
 * trigger that refuses one invoice's row, then is dropped as "the fix"; a NUL in jsonb), in the one context the
 * module's tests share (a context of its own would start a second embedded broker).
 */
@ServiceIntegrationTest
class DeadLetterQueueTest {

    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static final int SEGMENTS = 4; // axon.eventhandling.processors.invoice-view.initial-segment-count

    @Autowired
    InternalTokenService tokens;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    CommandGateway commands;
    @Autowired
    MeterRegistry meters;
    @Value("${local.server.port}")
    int port;

    private String operatorToken() {
        return tokens.mint(new Caller(new TenantId("system"), Actor.SYSTEM, "operator", true));
    }

    private HttpResponse<String> admin(String method, String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (token != null) {
            request.header(InternalTokenService.HEADER, token);
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private double parked() {
        var gauge = meters.find(InvoiceDeadLetterConfiguration.PARKED_METRIC).tag("processing_group", "invoice-view")
                .gauge();
        return gauge == null ? -1 : gauge.value();
    }

    private static int segmentOf(String invoiceId) {
        return invoiceId.hashCode() & (SEGMENTS - 1);
    }

    private static String status(InvoiceHttp http, String id) {
        for (JsonNode row : http.get("/v1/invoices?limit=100").json().get("data")) {
            if (row.get("id").asText().equals(id)) {
                return row.get("status").asText();
            }
        }
        return null;
    }

    /** Drafts of this tenant until {@code count} of them share the segment of {@code invoiceId}. */
    private static List<String> sameSegmentDrafts(InvoiceHttp http, String customer, String invoiceId, int count) {
        List<String> same = new ArrayList<>();
        while (same.size() < count) {
            String id = http.draft(customer);
            if (segmentOf(id) == segmentOf(invoiceId)) {
                same.add(id);
            }
        }
        return same;
    }

    @Test
    void aFailingEventParksOnlyItsInvoiceAndIsRetriedOnceTheCauseIsFixed() throws Exception {
        InvoiceHttp http = new InvoiceHttp(tokens, port);
        InvoiceHttp otherTenant = new InvoiceHttp(tokens, port);
        String customer = http.customer("Initech");
        String marker = "poison-" + UUID.randomUUID();
        String trigger = "poison_" + UUID.randomUUID().toString().replace("-", "");
        jdbc.execute("create function " + trigger + "() returns trigger language plpgsql as $$ begin "
                + "if new.document->>'notes' = '" + marker + "' then raise exception 'poisoned on purpose: %', new.id; "
                + "end if; return new; end $$");
        jdbc.execute("create trigger " + trigger + " before insert or update on invoice_view for each row execute "
                + "function " + trigger + "()");
        try {
            parkAndRetry(http, otherTenant, customer, marker, trigger);
        } finally {
            jdbc.execute("drop trigger if exists " + trigger + " on invoice_view");
            jdbc.execute("drop function if exists " + trigger + "()");
        }
    }

    private void parkAndRetry(InvoiceHttp http, InvoiceHttp otherTenant, String customer, String marker,
                              String trigger) throws Exception {
        InvoiceHttp.Res created = http.post("/v1/invoices", """
                {"customerId": "%s", "currency": "USD", "notes": "%s",
                 "lineItems": [{"description": "Design work", "kind": "service", "quantity": "10", "unit": "hour",
                                "unitPrice": "150.00"}]}""".formatted(customer, marker));
        assertThat(created.status()).as(String.valueOf(created.json())).isEqualTo(201);
        String poisoned = created.text("id");
        assertThat(http.post("/v1/invoices/" + poisoned + "/issue", "{}").status()).isEqualTo(200);

        List<String> neighbours = sameSegmentDrafts(http, customer, poisoned, 2);
        for (String id : neighbours) {
            assertThat(http.post("/v1/invoices/" + id + "/issue", "{}").status()).isEqualTo(200);
        }
        String elsewhere = otherTenant.draft();

        // the neighbours in the poisoned invoice's segment, and another tenant, keep flowing
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            for (String id : neighbours) {
                assertThat(status(http, id)).isEqualTo("open");
            }
            assertThat(status(otherTenant, elsewhere)).isEqualTo("draft");
        });
        // the poisoned invoice's creation and its issue (parked behind it, in order) are both parked
        await().atMost(Duration.ofSeconds(30)).until(() -> parked() == 2.0);
        assertThat(status(http, poisoned)).isNull();

        assertThat(admin("GET", "/internal/dead-letters", null).statusCode()).isEqualTo(401);
        assertThat(admin("GET", "/internal/dead-letters",
                tokens.mint(new Caller(new TenantId(http.tenant), new Actor(ActorType.USER, "usr_1"), "x", true)))
                .statusCode()).isEqualTo(403);
        HttpResponse<String> listing = admin("GET", "/internal/dead-letters", operatorToken());
        assertThat(listing.statusCode()).isEqualTo(200);
        JsonNode sequence = null;
        for (JsonNode s : InvoiceHttp.JSON.readTree(listing.body()).get("data")) {
            if (s.get("sequence").asText().equals(poisoned)) {
                sequence = s;
            }
        }
        assertThat(sequence).isNotNull();
        assertThat(sequence.get("processingGroup").asText()).isEqualTo("invoice-view");
        assertThat(sequence.get("letters").findValuesAsText("eventType"))
                .containsExactly("InvoiceCreated", "InvoiceIssued");
        assertThat(sequence.get("letters").get(0).get("cause").asText()).contains("poisoned on purpose");

        // a retry while the cause persists keeps it parked
        HttpResponse<String> stillBroken = admin("POST", "/internal/dead-letters/invoice-view/retry?sequence="
                + poisoned, operatorToken());
        assertThat(InvoiceHttp.JSON.readTree(stillBroken.body()).get("sequencesCleared").asInt()).isZero();
        assertThat(parked()).isEqualTo(2.0);

        jdbc.execute("drop trigger " + trigger + " on invoice_view"); // the cause is fixed
        HttpResponse<String> retried = admin("POST", "/internal/dead-letters/invoice-view/retry", operatorToken());
        assertThat(retried.statusCode()).as(retried.body()).isEqualTo(200);
        assertThat(InvoiceHttp.JSON.readTree(retried.body()).get("sequencesCleared").asInt()).isEqualTo(1);
        assertThat(parked()).isZero();
        assertThat(status(http, poisoned)).isEqualTo("open");
    }

    @Test
    void aNulThatPostgresRefusesInJsonbIsParkedInsteadOfStallingTheSegment() throws Exception {
        InvoiceHttp http = new InvoiceHttp(tokens, port);
        String customer = http.customer("Umbrella");
        String broken = http.draft(customer);
        await().atMost(Duration.ofSeconds(30)).until(() -> "draft".equals(status(http, broken)));
        double before = parked();
        // as an older version, which did not refuse NUL at the edge, stored it
        commands.sendAndWait(new UpdateInvoiceDraft(broken,
                        new DraftTerms(null, null, "a\u0000b", null, null, null, null, null, null), null, null),
                InvoiceMetaData.of(http.tenant, new Actor(ActorType.USER, "usr_1")));

        List<String> neighbours = sameSegmentDrafts(http, customer, broken, 2);
        for (String id : neighbours) {
            assertThat(http.post("/v1/invoices/" + id + "/issue", "{}").status()).isEqualTo(200);
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            for (String id : neighbours) {
                assertThat(status(http, id)).isEqualTo("open");
            }
        });
        await().atMost(Duration.ofSeconds(30)).until(() -> parked() == before + 1);

        assertThat(admin("DELETE", "/internal/dead-letters/invoice-view/" + broken, operatorToken()).statusCode())
                .isEqualTo(204);
        assertThat(parked()).isEqualTo(before);
        assertThat(admin("DELETE", "/internal/dead-letters/invoice-view/" + broken, operatorToken()).statusCode())
                .isEqualTo(404);
    }
}
