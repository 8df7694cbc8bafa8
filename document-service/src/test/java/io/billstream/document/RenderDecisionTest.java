package io.billstream.document;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.billstream.document.documents.domain.InvoiceDocuments;
import io.billstream.document.documents.domain.InvoiceRenders;
import io.billstream.document.documents.domain.RenderRow;
import io.billstream.document.fixtures.Invoices;
import io.billstream.platform.events.EventIds;
import io.billstream.platform.events.EventTypes;
import io.billstream.platform.events.IntegrationEvent;
import io.billstream.platform.events.data.InvoiceData;
import io.billstream.testsupport.ServiceIntegrationTest;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which events cost a render: the page is rendered only when it differs from the newest render, and nothing an
 * event that needs no render does is rolled back (docs/benchmarks.md, row 25).
 */
@ServiceIntegrationTest
class RenderDecisionTest {

    private static final String TENANT = "ten_render_decision";

    @Autowired
    InvoiceDocuments documents;
    @Autowired
    InvoiceRenders renders;
    @Autowired
    MeterRegistry registry;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ObjectMapper mapper;

    private double rendersBefore;

    @BeforeEach
    void countRendersFromHere() {
        rendersBefore = renders();
    }

    /** Every render is timed; the timer's count is the number of renders (no separate context with a counting fake). */
    private long rendersSinceStart() {
        return Math.round(renders() - rendersBefore);
    }

    private double renders() {
        Timer timer = registry.find("billstream.pdf.render").timer();
        return timer == null ? 0 : timer.count();
    }

    @Test
    void aRedeliveredEventIsNotRenderedAgain() {
        InvoiceData issued = Invoices.invoice().service("Work", "2", "hour", "90.00", null).version(2).build();
        IntegrationEvent event = event(EventTypes.INVOICE_ISSUED, issued);

        documents.apply(event, issued);
        documents.apply(event, issued);

        assertThat(rendersSinceStart()).isEqualTo(1);
        assertThat(rendersOf(issued)).isEqualTo(1);
        assertThat(processed(event)).isEqualTo(1);
    }

    @Test
    void aNewerVersionShowingTheSamePageIsNotRenderedButIsRecorded() {
        Invoices invoice = Invoices.invoice().service("Work", "3", "hour", "70.00", null);
        InvoiceData issued = invoice.version(2).build();
        InvoiceData sent = invoice.version(3).build();
        documents.apply(event(EventTypes.INVOICE_ISSUED, issued), issued);
        IntegrationEvent sentEvent = event(EventTypes.INVOICE_SENT, sent);

        documents.apply(sentEvent, sent);

        assertThat(rendersSinceStart()).isEqualTo(1);
        assertThat(rendersOf(sent)).isEqualTo(1);
        assertThat(processed(sentEvent)).isEqualTo(1);
        assertThat(jdbc.queryForObject("select invoice_version from invoice_snapshot where invoice_id = ?", Long.class,
                sent.id())).isEqualTo(3L);
    }

    @Test
    void aChangedPageIsRenderedOnceAndStoredWithItsVersion() {
        Invoices invoice = Invoices.invoice().service("Work", "1", "hour", "120.00", null);
        InvoiceData issued = invoice.version(2).build();
        InvoiceData paid = invoice.version(4).status("paid").amountPaid("120.00").build();
        documents.apply(event(EventTypes.INVOICE_ISSUED, issued), issued);

        documents.apply(event(EventTypes.INVOICE_PAID, paid), paid);

        assertThat(rendersSinceStart()).isEqualTo(2);
        assertThat(jdbc.queryForList("select invoice_version from invoice_render where invoice_id = ? order by 1",
                Long.class, paid.id())).containsExactly(2L, 4L);
    }

    /**
     * An event's render is stored only if the invoice's newest render, read by the insert itself, shows another
     * page: the transaction that stores it no longer reads the newest render first.
     */
    @Test
    void aRenderIsStoredOnlyIfTheNewestRenderShowsAnotherPage() {
        String invoiceId = "inv_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        byte[] pdf = "%PDF-1.7 test".getBytes(StandardCharsets.US_ASCII);

        assertThat(renders.insertUnlessShown(row(invoiceId, 2, "page-a"), pdf)).as("first render").isTrue();
        assertThat(renders.insertUnlessShown(row(invoiceId, 3, "page-a"), pdf)).as("newest shows it").isFalse();
        assertThat(renders.insertUnlessShown(row(invoiceId, 4, "page-b"), pdf)).as("another page").isTrue();
        assertThat(renders.insertUnlessShown(row(invoiceId, 4, "page-c"), pdf)).as("version taken").isFalse();
        assertThat(renders.insertUnlessShown(row(invoiceId, 5, "page-a"), pdf)).as("only an older one shows it")
                .isTrue();
        assertThat(jdbc.queryForList("select invoice_version || ':' || page_sha256 from invoice_render "
                + "where invoice_id = ? order by invoice_version", String.class, invoiceId))
                .containsExactly("2:page-a", "4:page-b", "5:page-a");
    }

    private static RenderRow row(String invoiceId, long version, String page) {
        return new RenderRow("doc_" + UUID.randomUUID().toString().replace("-", ""), TENANT, invoiceId, version,
                "INV-1", page, "sha-" + version, 13, Instant.now());
    }

    private IntegrationEvent event(String type, InvoiceData invoice) {
        return IntegrationEvent.of(EventIds.newEventId(), "billstream/invoice-service", type, invoice.id(),
                Instant.now(), TENANT, invoice.version(), mapper.valueToTree(invoice));
    }

    private long rendersOf(InvoiceData invoice) {
        return jdbc.queryForObject("select count(*) from invoice_render where invoice_id = ?", Long.class, invoice.id());
    }

    private long processed(IntegrationEvent event) {
        return jdbc.queryForObject("select count(*) from processed_event where event_id = ?", Long.class, event.id());
    }
}
