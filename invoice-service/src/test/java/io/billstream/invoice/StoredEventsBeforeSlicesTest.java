package io.billstream.invoice;

import io.billstream.platform.security.InternalTokenService;
import io.billstream.testsupport.ServiceIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An invoice whose events were stored by a build from before the feature slices (payload types
 * {@code io.billstream.invoice.api.*}) still reads, answers and takes commands: config.MovedEventTypes is in the
 * chain the event store reads through.
 */
@ServiceIntegrationTest
class StoredEventsBeforeSlicesTest {

    @Autowired
    InternalTokenService tokens;
    @Autowired
    JdbcTemplate jdbc;
    @Value("${local.server.port}")
    int port;

    @Test
    void anInvoiceStoredUnderTheOldEventNamesReadsAndIssues() {
        InvoiceHttp http = new InvoiceHttp(tokens, port);
        String id = http.draft();
        String before = http.get("/v1/invoices/" + id).json().toString();

        int renamed = jdbc.update("""
                update domain_event_entry
                set payload_type = replace(payload_type, 'io.billstream.invoice.invoicing.api.', 'io.billstream.invoice.api.')
                where aggregate_identifier = ?""", id);

        assertThat(renamed).isPositive();
        assertThat(jdbc.queryForList("select payload_type from domain_event_entry where aggregate_identifier = ?",
                String.class, id)).allMatch(type -> type.startsWith("io.billstream.invoice.api."));
        InvoiceHttp.Res read = http.get("/v1/invoices/" + id);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json().toString()).isEqualTo(before);
        assertThat(http.get("/v1/invoices/" + id + "/history").json().get("data"))
                .extracting(entry -> entry.get("type").asText()).containsExactly("InvoiceCreated");
        InvoiceHttp.Res issued = http.post("/v1/invoices/" + id + "/issue", "{}");
        assertThat(issued.status()).as(String.valueOf(issued.json())).isEqualTo(200);
        assertThat(issued.text("status")).isEqualTo("open");
        assertThat(issued.text("total")).isEqualTo(read.text("total"));
    }
}
