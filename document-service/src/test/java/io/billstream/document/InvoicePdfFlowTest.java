package io.billstream.document;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.billstream.document.fixtures.Invoices;
import io.billstream.document.documents.domain.render.PdfText;
import io.billstream.document.documents.domain.render.Sha256;
import io.billstream.platform.events.EventIds;
import io.billstream.platform.events.EventTypes;
import io.billstream.platform.events.IntegrationEvent;
import io.billstream.platform.events.Topics;
import io.billstream.platform.events.data.InvoiceData;
import io.billstream.platform.security.Actor;
import io.billstream.platform.security.ActorType;
import io.billstream.platform.security.Caller;
import io.billstream.platform.security.InternalTokenService;
import io.billstream.platform.security.TenantId;
import io.billstream.testsupport.KafkaProbe;
import io.billstream.testsupport.ServiceIntegrationTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.client.RestClient;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole service: invoice events go in through Kafka (as invoice-service publishes them), PDFs come out of
 * the HTTP API and document.generated comes out on Kafka.
 */
@ServiceIntegrationTest
class InvoicePdfFlowTest {

    private static final String TENANT = "ten_doc_flow";
    private static final Duration WITHIN = Duration.ofSeconds(20);

    @Autowired
    InternalTokenService tokens;
    @Autowired
    ObjectMapper mapper;
    @Autowired
    JdbcTemplate jdbc;
    @Value("${local.server.port}")
    int port;
    @Value("${spring.kafka.bootstrap-servers}")
    String brokers;

    private KafkaProbe probe;
    private RestClient http;

    @BeforeEach
    void setUp() {
        probe = new KafkaProbe(brokers, Topics.DOCUMENT);
        http = RestClient.create("http://127.0.0.1:" + port);
    }

    @AfterEach
    void tearDown() {
        probe.close();
    }

    @Test
    void issuedInvoiceBecomesFetchablePdfAndDocumentGeneratedIsPublished() {
        InvoiceData invoice = Invoices.invoice().number("2026/101").customerName("Initech Ümlaut AG")
                .service("API integration", "10", "hour", "150.00", "19")
                .expense("Hosting", "1", "month", "49.00", null).version(2).build();

        publish(EventTypes.INVOICE_ISSUED, invoice);

        ResponseEntity<byte[]> response = awaitPdf(invoice.id(), TENANT);
        assertThat(response.getHeaders().getContentType()).hasToString("application/pdf");
        assertThat(response.getHeaders().getFirst(HttpHeaders.CONTENT_DISPOSITION))
                .isEqualTo("inline; filename=\"invoice-2026-101.pdf\"");
        String sha = Sha256.hex(response.getBody());
        assertThat(response.getHeaders().getETag()).isEqualTo("\"" + sha + "\"");
        String text = PdfText.of(response.getBody());
        assertThat(text).contains("2026/101", "Initech Ümlaut AG", "API integration", "Hosting",
                "Professional services", "Pass-through expenses", "Total $1,834.00", "Amount due $1,834.00");

        ConsumerRecord<String, String> generated = awaitDocuments(invoice.id(), 1).getFirst();
        assertThat(generated.key()).isEqualTo(invoice.id());
        JsonNode event = read(generated.value());
        assertThat(event.path("type").asText()).isEqualTo(EventTypes.DOCUMENT_GENERATED);
        assertThat(event.path("tenantid").asText()).isEqualTo(TENANT);
        assertThat(event.path("sequence").asLong()).isEqualTo(2);
        assertThat(event.path("data").path("invoiceId").asText()).isEqualTo(invoice.id());
        assertThat(event.path("data").path("invoiceNumber").asText()).isEqualTo("2026/101");
        assertThat(event.path("data").path("invoiceVersion").asLong()).isEqualTo(2);
        assertThat(event.path("data").path("sha256").asText()).isEqualTo(sha);
        assertThat(event.path("data").path("sizeBytes").asLong()).isEqualTo(response.getBody().length);
        assertThat(event.path("data").path("contentType").asText()).isEqualTo("application/pdf");
        // PDFs are stored without TOAST's compression attempt (V100)
        assertThat(jdbc.queryForList("select attstorage from pg_attribute where attname = 'content' and attrelid in "
                + "('invoice_render'::regclass, 'credit_note_render'::regclass)", String.class))
                .containsExactly("e", "e");
    }

    @Test
    void theSameEventTwiceRendersOnce() {
        InvoiceData issued = Invoices.invoice().service("Work", "1", "hour", "100.00", null).version(2).build();
        String json = envelope(EventTypes.INVOICE_ISSUED, issued, EventIds.newEventId());

        probe.send(Topics.INVOICE, issued.id(), json);
        probe.send(Topics.INVOICE, issued.id(), json);
        // A later event of the same invoice travels the same partition, so once it is in, both copies were seen.
        String later = publish(EventTypes.INVOICE_UPDATED, copy(issued, "open", "0", 3, "Changed note"));
        awaitProcessed(later);

        assertThat(renderVersions(issued.id())).containsExactly(2L, 3L);
        List<ConsumerRecord<String, String>> documents = awaitDocuments(issued.id(), 2);
        assertThat(documents).extracting(r -> read(r.value()).path("data").path("invoiceVersion").asLong())
                .containsExactly(2L, 3L);
    }

    @Test
    void anOlderVersionArrivingAfterANewerOneChangesNothing() {
        InvoiceData open = Invoices.invoice().service("Work", "1", "hour", "100.00", null).version(2).build();
        InvoiceData paid = copy(open, "paid", "100.00", 4, open.notes());

        publish(EventTypes.INVOICE_PAID, paid);
        ResponseEntity<byte[]> first = awaitPdf(paid.id(), TENANT);
        assertThat(PdfText.of(first.getBody())).contains("PAID", "Amount due $0.00");

        String late = publish(EventTypes.INVOICE_ISSUED, open);
        awaitProcessed(late);

        assertThat(renderVersions(open.id())).containsExactly(4L);
        assertThat(jdbc.queryForObject("select invoice_version from invoice_snapshot where invoice_id = ?",
                Long.class, open.id())).isEqualTo(4);
        ResponseEntity<byte[]> after = get(open.id(), TENANT, null);
        assertThat(after.getHeaders().getETag()).isEqualTo(first.getHeaders().getETag());
        assertThat(PdfText.of(after.getBody())).contains("PAID");
    }

    @Test
    void paymentsPaidMarkAndVoidEachProduceANewRender() {
        InvoiceData open = Invoices.invoice().service("Work", "2", "hour", "100.00", null).version(2).build();
        publish(EventTypes.INVOICE_ISSUED, open);
        String firstTag = awaitPdf(open.id(), TENANT).getHeaders().getETag();

        publish(EventTypes.INVOICE_PAYMENT_APPLIED, copy(open, "open", "50.00", 3, open.notes()));
        await().atMost(WITHIN).until(() -> renderVersions(open.id()).contains(3L));
        ResponseEntity<byte[]> partly = get(open.id(), TENANT, null);
        assertThat(partly.getHeaders().getETag()).isNotEqualTo(firstTag);
        assertThat(PdfText.of(partly.getBody())).contains("Paid $50.00", "Amount due $150.00")
                .doesNotContain("PAID");

        // Only the status changes on the page (overdue is not printed): no new render for version 4.
        String overdue = publish(EventTypes.INVOICE_OVERDUE, copy(open, "overdue", "50.00", 4, open.notes()));
        awaitProcessed(overdue);
        assertThat(renderVersions(open.id())).containsExactly(2L, 3L);

        InvoiceData other = Invoices.invoice().service("Work", "1", "hour", "10.00", null).version(2).build();
        publish(EventTypes.INVOICE_ISSUED, other);
        awaitPdf(other.id(), TENANT);
        publish(EventTypes.INVOICE_VOIDED, copy(other, "void", "0", 3, other.notes()));
        await().atMost(WITHIN).until(() -> renderVersions(other.id()).contains(3L));
        assertThat(PdfText.of(get(other.id(), TENANT, null).getBody())).contains("VOID");
    }

    @Test
    void aPaymentThatSettlesTheInvoiceRendersOnlyThePaidPage() {
        InvoiceData open = Invoices.invoice().service("Work", "2", "hour", "100.00", null).version(2).build();
        publish(EventTypes.INVOICE_ISSUED, open);
        awaitPdf(open.id(), TENANT);

        // invoice-service commits PaymentApplied and InvoicePaid together: the first page is never rendered ...
        String settling = publish(EventTypes.INVOICE_PAYMENT_APPLIED, copy(open, "open", "200.00", 3, open.notes()));
        awaitProcessed(settling);
        assertThat(renderVersions(open.id())).containsExactly(2L);
        // ... yet its snapshot is stored, so a request in between gets it, rendered on demand.
        assertThat(PdfText.of(get(open.id(), TENANT, null).getBody())).contains("Amount due $0.00").doesNotContain("PAID");

        publish(EventTypes.INVOICE_PAID, copy(open, "paid", "200.00", 4, open.notes()));
        await().atMost(WITHIN).until(() -> renderVersions(open.id()).contains(4L));
        assertThat(PdfText.of(get(open.id(), TENANT, null).getBody())).contains("PAID", "Amount due $0.00");
    }

    @Test
    void ifNoneMatchWithTheCurrentTagAnswers304() {
        InvoiceData invoice = Invoices.invoice().service("Work", "1", "hour", "100.00", null).build();
        publish(EventTypes.INVOICE_ISSUED, invoice);
        String etag = awaitPdf(invoice.id(), TENANT).getHeaders().getETag();

        ResponseEntity<byte[]> notModified = get(invoice.id(), TENANT, etag);
        assertThat(notModified.getStatusCode().value()).isEqualTo(304);
        assertThat(notModified.getHeaders().getETag()).isEqualTo(etag);
        assertThat(notModified.getBody()).isNull();

        assertThat(get(invoice.id(), TENANT, "W/" + etag + ", \"other\"").getStatusCode().value()).isEqualTo(304);
        assertThat(get(invoice.id(), TENANT, "\"stale\"").getStatusCode().value()).isEqualTo(200);
    }

    @Test
    void otherTenantsUnknownInvoicesAndDraftsAre404AndNoTokenIs401() {
        InvoiceData invoice = Invoices.invoice().service("Work", "1", "hour", "100.00", null).build();
        publish(EventTypes.INVOICE_ISSUED, invoice);
        awaitPdf(invoice.id(), TENANT);

        ResponseEntity<byte[]> foreign = get(invoice.id(), "ten_someone_else", null);
        assertThat(foreign.getStatusCode().value()).isEqualTo(404);
        assertThat(foreign.getHeaders().getContentType()).hasToString("application/problem+json");
        assertThat(new String(foreign.getBody())).contains("\"code\":\"not_found\"").doesNotContain("%PDF");
        assertThat(get("inv_unknown", TENANT, null).getStatusCode().value()).isEqualTo(404);

        InvoiceData draft = Invoices.invoice().status("draft").number(null)
                .service("Work", "1", "hour", "100.00", null).version(1).build();
        awaitProcessed(publish(EventTypes.INVOICE_CREATED, draft));
        assertThat(get(draft.id(), TENANT, null).getStatusCode().value()).isEqualTo(404);

        ResponseEntity<byte[]> anonymous = http.get().uri("/v1/invoices/{id}/pdf", invoice.id())
                .exchange((request, response) -> ResponseEntity.status(response.getStatusCode()).build());
        assertThat(anonymous.getStatusCode().value()).isEqualTo(401);
    }

    @Test
    void aMissingRenderIsRenderedOnDemand() {
        InvoiceData invoice = Invoices.invoice().service("Work", "1", "hour", "100.00", null).version(2).build();
        publish(EventTypes.INVOICE_ISSUED, invoice);
        awaitPdf(invoice.id(), TENANT);
        awaitDocuments(invoice.id(), 1);
        jdbc.update("delete from invoice_render where invoice_id = ?", invoice.id());

        ResponseEntity<byte[]> response = get(invoice.id(), TENANT, null);
        assertThat(response.getStatusCode().value()).isEqualTo(200);
        assertThat(PdfText.of(response.getBody())).contains(invoice.number(), "Globex Corporation");
        assertThat(renderVersions(invoice.id())).containsExactly(2L);
        assertThat(awaitDocuments(invoice.id(), 2)).hasSize(2);
    }

    @Test
    void unreadableRecordsAreDeadLetteredAndUnknownFieldsAreTolerated() throws Exception {
        String brokenKey = "inv_broken_" + System.nanoTime();
        try (KafkaProbe deadLetters = new KafkaProbe(brokers, Topics.deadLetter(Topics.INVOICE))) {
            probe.send(Topics.INVOICE, brokenKey, "{not json");
            assertThat(deadLetters.await(r -> brokenKey.equals(r.key()), 1, WITHIN)).hasSize(1);
        }

        // v1 schemas grow additively (docs/api-reference.md §9): a newer producer's extra fields must not stop the render.
        InvoiceData invoice = Invoices.invoice().service("Work", "1", "hour", "100.00", null).build();
        ObjectNode event = (ObjectNode) mapper.readTree(envelope(EventTypes.INVOICE_ISSUED, invoice,
                EventIds.newEventId()));
        event.put("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
        ((ObjectNode) event.get("data")).put("someFutureField", "x");
        probe.send(Topics.INVOICE, invoice.id(), mapper.writeValueAsString(event));
        assertThat(PdfText.of(awaitPdf(invoice.id(), TENANT).getBody())).contains(invoice.number());
    }

    private String publish(String type, InvoiceData invoice) {
        String eventId = EventIds.newEventId();
        probe.send(Topics.INVOICE, invoice.id(), envelope(type, invoice, eventId));
        return eventId;
    }

    private String envelope(String type, InvoiceData invoice, String eventId) {
        IntegrationEvent event = IntegrationEvent.of(eventId, "billstream/invoice-service", type, invoice.id(),
                Instant.now(), TENANT, invoice.version(), mapper.valueToTree(invoice));
        try {
            return mapper.writeValueAsString(event);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static InvoiceData copy(InvoiceData i, String status, String amountPaid, long version, String notes) {
        java.math.BigDecimal paid = new java.math.BigDecimal(amountPaid);
        java.math.BigDecimal total = new java.math.BigDecimal(i.total());
        return new InvoiceData(i.id(), i.number(), status, i.customerId(), i.customer(), i.seller(), i.currency(),
                i.lineItems(), i.subtotal(), i.taxBreakdown(), i.taxTotal(), i.lateFees(), i.total(),
                paid.setScale(2).toPlainString(), total.subtract(paid).setScale(2).toPlainString(), i.issueDate(),
                i.dueDate(), i.paidAt(), i.voidedAt(), notes, i.terms(), i.reference(), i.metadata(),
                i.paymentTermsDays(), i.lateFeePercentPerMonth(), version, i.createdAt(), i.updatedAt(), i.change());
    }

    private ResponseEntity<byte[]> awaitPdf(String invoiceId, String tenant) {
        return await().atMost(WITHIN).until(() -> get(invoiceId, tenant, null),
                r -> r.getStatusCode().value() == 200);
    }

    private void awaitProcessed(String eventId) {
        await().atMost(WITHIN).until(() -> jdbc.queryForObject(
                "select count(*) from processed_event where event_id = ?", Integer.class, eventId) == 1);
    }

    private List<ConsumerRecord<String, String>> awaitDocuments(String invoiceId, int count) {
        return probe.await(r -> invoiceId.equals(r.key()), count, WITHIN);
    }

    private List<Long> renderVersions(String invoiceId) {
        return jdbc.queryForList("select invoice_version from invoice_render where invoice_id = ? "
                + "order by invoice_version", Long.class, invoiceId);
    }

    private ResponseEntity<byte[]> get(String invoiceId, String tenant, String ifNoneMatch) {
        String token = tokens.mint(new Caller(new TenantId(tenant), new Actor(ActorType.USER, "usr_1"), "Acme", true));
        return http.get().uri("/v1/invoices/{id}/pdf", invoiceId)
                .header(InternalTokenService.HEADER, token)
                .headers(h -> {
                    if (ifNoneMatch != null) {
                        h.set(HttpHeaders.IF_NONE_MATCH, ifNoneMatch);
                    }
                })
                .exchange((request, response) -> {
                    byte[] body = response.getBody().readAllBytes();
                    return ResponseEntity.status(response.getStatusCode()).headers(response.getHeaders())
                            .body(body.length == 0 ? null : body);
                });
    }

    private JsonNode read(String json) {
        try {
            return mapper.readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
