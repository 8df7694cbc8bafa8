package io.billstream.document;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.billstream.document.documents.domain.render.CreditNotePdfTest;
import io.billstream.document.documents.domain.render.PdfText;
import io.billstream.document.documents.domain.render.Sha256;
import io.billstream.platform.events.EventIds;
import io.billstream.platform.events.EventTypes;
import io.billstream.platform.events.IntegrationEvent;
import io.billstream.platform.events.Topics;
import io.billstream.platform.events.data.CreditNoteData;
import io.billstream.platform.ids.Ids;
import io.billstream.platform.security.Actor;
import io.billstream.platform.security.ActorType;
import io.billstream.platform.security.Caller;
import io.billstream.platform.security.InternalTokenService;
import io.billstream.platform.security.TenantId;
import io.billstream.testsupport.KafkaProbe;
import io.billstream.testsupport.ServiceIntegrationTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
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

/** docs/api-reference.md §13: credit_note.issued in through Kafka, the credit note's PDF out of the API, document.generated out. */
@ServiceIntegrationTest
class CreditNotePdfFlowTest {

    private static final String TENANT = "ten_doc_credit";

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
    void aCreditNoteBecomesAPdfOnceWithItsEtag() throws Exception {
        CreditNoteData template = CreditNotePdfTest.note("en-US", "USD", "Agreed on the phone.");
        String creditNoteId = Ids.newId("cn");
        String invoiceId = Ids.newId("inv");
        CreditNoteData note = new CreditNoteData(creditNoteId, "CN-2026/009", invoiceId, template.invoiceNumber(),
                template.invoiceIssueDate(), template.customerId(), template.customer(), template.seller(),
                template.currency(), template.lines(), template.subtotal(), template.taxBreakdown(),
                template.taxTotal(), template.total(), template.creditedAmount(), template.refundAmount(),
                template.refundedAmount(), template.refundStatus(), template.reason(), template.memo(),
                template.issueDate(), template.createdAt());
        String event = mapper.writeValueAsString(IntegrationEvent.of(EventIds.newEventId(),
                "billstream/invoice-service", EventTypes.CREDIT_NOTE_ISSUED, creditNoteId, Instant.now(), TENANT, 5,
                mapper.valueToTree(note)));
        try (KafkaProbe probe = new KafkaProbe(brokers, Topics.DOCUMENT)) {
            probe.send(Topics.INVOICE, invoiceId, event);
            probe.send(Topics.INVOICE, invoiceId, event);   // redelivered: still one render

            ResponseEntity<byte[]> pdf = await().atMost(Duration.ofSeconds(30))
                    .until(() -> get(creditNoteId, TENANT, null), r -> r.getStatusCode().value() == 200);
            assertThat(pdf.getHeaders().getContentType()).hasToString("application/pdf");
            assertThat(pdf.getHeaders().getFirst(HttpHeaders.CONTENT_DISPOSITION))
                    .isEqualTo("inline; filename=\"credit-note-CN-2026-009.pdf\"");
            String sha = Sha256.hex(pdf.getBody());
            assertThat(pdf.getHeaders().getETag()).isEqualTo("\"" + sha + "\"");
            assertThat(PdfText.of(pdf.getBody())).contains("CREDIT NOTE", "CN-2026/009", "2026-017",
                    "Total credit $456.90", "Agreed on the phone.");

            assertThat(get(creditNoteId, TENANT, "\"" + sha + "\"").getStatusCode().value()).isEqualTo(304);
            assertThat(get(creditNoteId, "ten_someone_else", null).getStatusCode().value()).isEqualTo(404);
            assertThat(get("cn_unknown", TENANT, null).getStatusCode().value()).isEqualTo(404);

            List<ConsumerRecord<String, String>> generated = probe.await(r -> invoiceId.equals(r.key()), 1,
                    Duration.ofSeconds(30));
            JsonNode data = mapper.readTree(generated.getFirst().value()).path("data");
            assertThat(data.path("creditNoteId").asText()).isEqualTo(creditNoteId);
            assertThat(data.path("sha256").asText()).isEqualTo(sha);
            assertThat(jdbc.queryForObject("select count(*) from credit_note_render where credit_note_id = ?",
                    Long.class, creditNoteId)).isEqualTo(1);
        }
    }

    private ResponseEntity<byte[]> get(String creditNoteId, String tenant, String ifNoneMatch) {
        String token = tokens.mint(new Caller(new TenantId(tenant), new Actor(ActorType.USER, "usr_1"), "Acme", true));
        return RestClient.create("http://127.0.0.1:" + port).get().uri("/v1/credit-notes/{id}/pdf", creditNoteId)
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
