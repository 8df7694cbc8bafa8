package io.billstream.document;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.billstream.document.documents.domain.InvoiceDocuments;
import io.billstream.document.fixtures.Invoices;
import io.billstream.document.documents.domain.render.InvoicePdf;
import io.billstream.platform.events.EventIds;
import io.billstream.platform.events.EventTypes;
import io.billstream.platform.events.IntegrationEvent;
import io.billstream.platform.events.data.InvoiceData;
import io.billstream.testsupport.ServiceIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

import javax.sql.DataSource;
import java.sql.Connection;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 15: a PDF render must not hold a database connection. The pool has two connections and the test holds one:
 * a query issued while a render is in progress still completes (before: the render's idle transaction held the
 * other one, and the query timed out).
 */
@ServiceIntegrationTest
@Import(RenderOutsideTransactionTest.HeldRenders.class)
@TestPropertySource(properties = {"spring.datasource.hikari.maximum-pool-size=2",
        "spring.datasource.hikari.minimum-idle=2", "spring.datasource.hikari.connection-timeout=2000"})
class RenderOutsideTransactionTest {

    @Autowired
    InvoiceDocuments documents;
    @Autowired
    HeldPdf pdf;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ObjectMapper mapper;
    @Autowired
    DataSource dataSource;

    /** Renders that wait for the test's go before they finish. */
    static class HeldPdf extends InvoicePdf {
        final CountDownLatch rendering = new CountDownLatch(1);
        final CountDownLatch finish = new CountDownLatch(1);

        @Override
        public byte[] pdf(String html) {
            rendering.countDown();
            try {
                finish.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return super.pdf(html);
        }
    }

    @TestConfiguration
    static class HeldRenders {
        @Bean
        @Primary
        HeldPdf heldPdf() {
            return new HeldPdf();
        }
    }

    @Test
    void aRenderHoldsNoConnectionSoOtherQueriesProceed() throws Exception {
        InvoiceData invoice = Invoices.invoice().service("Work", "1", "hour", "100.00", null).version(2).build();
        IntegrationEvent event = IntegrationEvent.of(EventIds.newEventId(), "billstream/invoice-service",
                EventTypes.INVOICE_ISSUED, invoice.id(), Instant.now(), "ten_held_render", invoice.version(),
                mapper.valueToTree(invoice));

        CompletableFuture<Void> applied = CompletableFuture.runAsync(() -> documents.apply(event, invoice));
        assertThat(pdf.rendering.await(30, TimeUnit.SECONDS)).isTrue();
        try (Connection held = dataSource.getConnection()) {
            // the pool's other connection must be free while the render runs
            assertThat(held.isValid(1)).isTrue();
            assertThat(jdbc.queryForObject("select count(*) from invoice_render where invoice_id = ?", Long.class,
                    invoice.id())).isZero();
            assertThat(jdbc.queryForObject("""
                    select count(*) from pg_stat_activity
                    where datname = current_database() and state = 'idle in transaction'""", Long.class)).isZero();
        } finally {
            pdf.finish.countDown();
        }
        applied.get(30, TimeUnit.SECONDS);
        assertThat(jdbc.queryForObject("select count(*) from invoice_render where invoice_id = ?", Long.class,
                invoice.id())).isEqualTo(1);
        assertThat(jdbc.queryForObject("select count(*) from processed_event where event_id = ?", Long.class,
                event.id())).isEqualTo(1);
    }
}
