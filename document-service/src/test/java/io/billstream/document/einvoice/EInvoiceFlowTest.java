package io.billstream.document.einvoice;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.billstream.document.documents.domain.render.Sha256;
import io.billstream.platform.events.EventIds;
import io.billstream.platform.events.EventTypes;
import io.billstream.platform.events.IntegrationEvent;
import io.billstream.platform.events.Topics;
import io.billstream.platform.events.data.CreditNoteData;
import io.billstream.platform.events.data.InvoiceData;
import io.billstream.platform.events.data.PartyData;
import io.billstream.platform.ids.Ids;
import io.billstream.platform.security.Actor;
import io.billstream.platform.security.ActorType;
import io.billstream.platform.security.Caller;
import io.billstream.platform.security.InternalTokenService;
import io.billstream.platform.security.TenantId;
import io.billstream.testsupport.KafkaProbe;
import io.billstream.testsupport.ServiceIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.client.RestClient;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The API contract §14 through the service: an issued invoice (from Kafka) as Factur-X and XRechnung CII/UBL, cached with ETag and
 * 304, rendered again when what it shows changes; credit notes the same; refusals as problem+json.
 */
@ServiceIntegrationTest
class EInvoiceFlowTest {

    private static final String TENANT = "ten_doc_einvoice";

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

    @Test
    void anIssuedInvoiceIsServedAsEveryEInvoiceCachedAndRenderedAgainWhenItChanges() throws Exception {
        String id = Ids.newId("inv");
        InvoiceData issued = EInvoiceFixtures.invoice().id(id).version(2)
                .line("Backend development", "12.5", "hour", "120.00", "19", "S", null)
                .line("Specialist books", "3", "item", "33.33", "7", "S", null).build();
        try (KafkaProbe probe = new KafkaProbe(brokers, Topics.DOCUMENT)) {
            send(probe, EventTypes.INVOICE_ISSUED, id, issued);
            ResponseEntity<byte[]> cii = await().atMost(Duration.ofSeconds(30))
                    .until(() -> get("/v1/invoices/" + id + "/einvoice?syntax=xrechnung-cii", TENANT, null),
                            r -> r.getStatusCode().value() == 200);
            assertThat(cii.getHeaders().getContentType()).hasToString("application/xml");
            assertThat(cii.getHeaders().getFirst(HttpHeaders.CONTENT_DISPOSITION))
                    .isEqualTo("inline; filename=\"invoice-2026-017-xrechnung-cii.xml\"");
            String sha = Sha256.hex(cii.getBody());
            assertThat(cii.getHeaders().getETag()).isEqualTo("\"" + sha + "\"");
            assertThat(text(cii)).contains("<ram:GrandTotalAmount>" + issued.total() + "</ram:GrandTotalAmount>",
                    "xrechnung_3.0");
            assertThat(EInvoiceValidationTest.problems(EInvoiceValidationTest.validate(cii.getBody(), "i.xml")))
                    .isEmpty();

            // cached: the same bytes, and 304 without reading them
            assertThat(Sha256.hex(get("/v1/invoices/" + id + "/einvoice?syntax=xrechnung-cii", TENANT, null)
                    .getBody())).isEqualTo(sha);
            assertThat(get("/v1/invoices/" + id + "/einvoice?syntax=xrechnung-cii", TENANT, "\"" + sha + "\"")
                    .getStatusCode().value()).isEqualTo(304);

            ResponseEntity<byte[]> ubl = get("/v1/invoices/" + id + "/einvoice?syntax=xrechnung-ubl", TENANT, null);
            assertThat(ubl.getStatusCode().value()).isEqualTo(200);
            assertThat(text(ubl)).contains("<cbc:PayableAmount currencyID=\"EUR\">" + issued.total());

            ResponseEntity<byte[]> facturX = get("/v1/invoices/" + id + "/pdf?format=facturx", TENANT, null);
            assertThat(facturX.getStatusCode().value()).isEqualTo(200);
            assertThat(facturX.getHeaders().getContentType()).hasToString("application/pdf");
            assertThat(facturX.getHeaders().getFirst(HttpHeaders.CONTENT_DISPOSITION))
                    .isEqualTo("inline; filename=\"invoice-2026-017-facturx.pdf\"");
            assertThat(EInvoiceValidationTest.problems(EInvoiceValidationTest.validate(facturX.getBody(), "i.pdf")))
                    .isEmpty();
            // the plain PDF is unchanged by the new format
            ResponseEntity<byte[]> plain = get("/v1/invoices/" + id + "/pdf", TENANT, null);
            assertThat(plain.getHeaders().getFirst(HttpHeaders.CONTENT_DISPOSITION))
                    .isEqualTo("inline; filename=\"invoice-2026-017.pdf\"");

            // a payment changes what it shows (prepaid, amount due): rendered again
            InvoiceData paid = EInvoiceFixtures.invoice().id(id).version(3).status("paid").amountPaid(issued.total())
                    .line("Backend development", "12.5", "hour", "120.00", "19", "S", null)
                    .line("Specialist books", "3", "item", "33.33", "7", "S", null).build();
            send(probe, EventTypes.INVOICE_PAID, id, paid);
            ResponseEntity<byte[]> again = await().atMost(Duration.ofSeconds(30))
                    .until(() -> get("/v1/invoices/" + id + "/einvoice?syntax=xrechnung-cii", TENANT,
                            "\"" + sha + "\""), r -> r.getStatusCode().value() == 200);
            assertThat(text(again)).contains("<ram:DuePayableAmount>0.00</ram:DuePayableAmount>");
            assertThat(jdbc.queryForObject("select count(*) from einvoice_render where document_id = ?", Long.class,
                    id)).isEqualTo(3);
        }
    }

    @Test
    void anIncompleteInvoiceIs422NamingTheFieldsAndBadRequestsAreProblems() throws Exception {
        String id = Ids.newId("inv");
        PartyData seller = EInvoiceFixtures.SELLER;
        PartyData bareSeller = new PartyData(seller.name(), seller.email(), seller.address(), null, "de-DE");
        InvoiceData invoice = EInvoiceFixtures.invoice().id(id).seller(bareSeller)
                .line("Review", "1", "day", "100.00", null, "AE", "Reverse charge").build();
        try (KafkaProbe probe = new KafkaProbe(brokers, Topics.DOCUMENT)) {
            send(probe, EventTypes.INVOICE_ISSUED, id, invoice);
            await().atMost(Duration.ofSeconds(30)).until(() -> get("/v1/invoices/" + id + "/pdf", TENANT, null),
                    r -> r.getStatusCode().value() == 200);

            ResponseEntity<byte[]> refused = get("/v1/invoices/" + id + "/einvoice?syntax=xrechnung-ubl", TENANT, null);
            assertThat(refused.getStatusCode().value()).isEqualTo(422);
            assertThat(refused.getHeaders().getContentType()).hasToString("application/problem+json");
            JsonNode problem = mapper.readTree(refused.getBody());
            assertThat(problem.get("code").asText()).isEqualTo("einvoice_incomplete");
            List<String> fields = new ArrayList<>();
            problem.get("errors").forEach(e -> fields.add(e.get("field").asText()));
            assertThat(fields).contains("seller.vatId", "seller.contactPhone", "seller.iban");
            assertThat(get("/v1/invoices/" + id + "/pdf?format=facturx", TENANT, null).getStatusCode().value())
                    .isEqualTo(422);
            assertThat(jdbc.queryForObject("select count(*) from einvoice_render where document_id = ?", Long.class,
                    id)).isZero();

            assertThat(get("/v1/invoices/" + id + "/einvoice?syntax=peppol", TENANT, null).getStatusCode().value())
                    .isEqualTo(422);
            assertThat(get("/v1/invoices/" + id + "/einvoice", TENANT, null).getStatusCode().value()).isEqualTo(422);
            assertThat(get("/v1/invoices/" + id + "/pdf?format=docx", TENANT, null).getStatusCode().value())
                    .isEqualTo(422);
            assertThat(get("/v1/invoices/" + id + "/einvoice?syntax=xrechnung-cii", "ten_other", null)
                    .getStatusCode().value()).isEqualTo(404);
            assertThat(get("/v1/invoices/inv_unknown/pdf?format=facturx", TENANT, null).getStatusCode().value())
                    .isEqualTo(404);
        }
    }

    @Test
    void aCreditNoteIsServedAsAnEInvoiceOfType381() throws Exception {
        CreditNoteData template = EInvoiceFixtures.creditNote(EInvoiceFixtures.reverseCharge());
        String creditNoteId = Ids.newId("cn");
        CreditNoteData note = new CreditNoteData(creditNoteId, template.number(), template.invoiceId(),
                template.invoiceNumber(), template.invoiceIssueDate(), template.customerId(), template.customer(),
                template.seller(), template.currency(), template.lines(), template.subtotal(),
                template.taxBreakdown(), template.taxTotal(), template.total(), template.creditedAmount(),
                template.refundAmount(), template.refundedAmount(), template.refundStatus(), template.reason(),
                template.memo(), template.issueDate(), template.createdAt());
        try (KafkaProbe probe = new KafkaProbe(brokers, Topics.DOCUMENT)) {
            probe.send(Topics.INVOICE, note.invoiceId(), mapper.writeValueAsString(IntegrationEvent.of(
                    EventIds.newEventId(), "billstream/invoice-service", EventTypes.CREDIT_NOTE_ISSUED, creditNoteId,
                    Instant.now(), TENANT, 7, mapper.valueToTree(note))));
            ResponseEntity<byte[]> ubl = await().atMost(Duration.ofSeconds(30))
                    .until(() -> get("/v1/credit-notes/" + creditNoteId + "/einvoice?syntax=xrechnung-ubl", TENANT,
                            null), r -> r.getStatusCode().value() == 200);
            assertThat(text(ubl)).contains("<cbc:CreditNoteTypeCode>381</cbc:CreditNoteTypeCode>",
                    "<cbc:ID>2026-017</cbc:ID>");
            assertThat(ubl.getHeaders().getFirst(HttpHeaders.CONTENT_DISPOSITION))
                    .isEqualTo("inline; filename=\"credit-note-CN-2026-004-xrechnung-ubl.xml\"");
            ResponseEntity<byte[]> facturX = get("/v1/credit-notes/" + creditNoteId + "/pdf?format=facturx", TENANT,
                    null);
            assertThat(facturX.getStatusCode().value()).isEqualTo(200);
            assertThat(EInvoiceValidationTest.problems(EInvoiceValidationTest.validate(facturX.getBody(), "c.pdf")))
                    .isEmpty();
            assertThat(get("/v1/credit-notes/" + creditNoteId + "/einvoice?syntax=xrechnung-cii", "ten_other", null)
                    .getStatusCode().value()).isEqualTo(404);
        }
    }

    @Test
    void theOpenApiDocumentDescribesTheFormatsAndSyntaxes() throws Exception {
        JsonNode paths = mapper.readTree(RestClient.create("http://127.0.0.1:" + port).get().uri("/v3/api-docs")
                .retrieve().body(String.class)).path("paths");
        assertThat(paths.path("/v1/invoices/{id}/einvoice").path("get").path("parameters").toString())
                .contains("syntax", "xrechnung-cii", "xrechnung-ubl");
        assertThat(paths.path("/v1/credit-notes/{id}/einvoice").has("get")).isTrue();
        assertThat(paths.path("/v1/invoices/{id}/pdf").path("get").path("parameters").toString())
                .contains("format", "facturx");
        assertThat(paths.path("/v1/credit-notes/{id}/pdf").path("get").path("parameters").toString())
                .contains("format", "facturx");
    }

    private void send(KafkaProbe probe, String type, String id, InvoiceData invoice) throws Exception {
        probe.send(Topics.INVOICE, id, mapper.writeValueAsString(IntegrationEvent.of(EventIds.newEventId(),
                "billstream/invoice-service", type, id, Instant.now(), TENANT, invoice.version(),
                mapper.valueToTree(invoice))));
    }

    private static String text(ResponseEntity<byte[]> response) {
        return new String(response.getBody(), StandardCharsets.UTF_8);
    }

    private ResponseEntity<byte[]> get(String path, String tenant, String ifNoneMatch) {
        String token = tokens.mint(new Caller(new TenantId(tenant), new Actor(ActorType.USER, "usr_1"), "Acme", true));
        return RestClient.create("http://127.0.0.1:" + port).get().uri(java.net.URI.create(
                        "http://127.0.0.1:" + port + path))
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
}
