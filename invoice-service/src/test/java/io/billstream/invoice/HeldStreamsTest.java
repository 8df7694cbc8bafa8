package io.billstream.invoice;

import io.billstream.invoice.config.GapBoundedJpaEventStorageEngine;
import io.billstream.invoice.config.OtherInstanceStore;
import io.billstream.invoice.invoicing.api.ApplyPayment;
import io.billstream.invoice.invoicing.domain.InvoiceMetaData;
import io.billstream.invoice.invoicing.persistence.RecentStreams;
import io.billstream.platform.security.Actor;
import io.billstream.platform.security.ActorType;
import io.billstream.platform.security.InternalTokenService;
import io.billstream.testsupport.ServiceIntegrationTest;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.DomainEventMessage;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationContext;
import org.springframework.transaction.support.TransactionTemplate;

import java.math.BigDecimal;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a command's own appends leave in memory for the next command (RecentStreams) is what the event store gives
 * back for them, message by message: payload, timestamp, metadata. A command loads its invoice from that memory, so
 * anything the store's round trip changes (a decimal's scale, a timestamp's precision) would make an invoice decide
 * differently right after a command than after a restart.
 */
@ServiceIntegrationTest
class HeldStreamsTest {

    @Autowired
    InternalTokenService tokens;
    @Autowired
    CommandGateway commands;
    @Autowired
    RecentStreams recent;
    @Autowired
    TransactionTemplate tx;
    @Autowired
    ApplicationContext context;
    @Value("${local.server.port}")
    int port;

    @Test
    void theEventsACommandLeavesInMemoryAreTheOnesTheStoreReadsBack() {
        InvoiceHttp http = new InvoiceHttp(tokens, port);
        String invoice = http.draft();
        assertThat(http.post("/v1/invoices/" + invoice + "/line-items", """
                {"description": "API credits", "kind": "expense", "quantity": "2.5", "unit": "item",
                 "unitPrice": "19.990", "taxRatePercent": "8.875"}""").status()).isEqualTo(201);
        assertThat(http.post("/v1/invoices/" + invoice + "/issue", "{}").status()).isEqualTo(200);
        commands.sendAndWait(new ApplyPayment(invoice, "pay_held", new BigDecimal("100.10"), "USD"),
                InvoiceMetaData.of(http.tenant, new Actor(ActorType.USER, "usr_1")));

        List<DomainEventMessage<?>> held = recent.held(invoice);
        // another instance's store, with nothing of this invoice in its memory, reads it all from the database
        GapBoundedJpaEventStorageEngine store = OtherInstanceStore.of(context, new RecentStreams());
        List<? extends DomainEventMessage<?>> stored = tx.execute(status -> store.readEvents(invoice).asStream()
                .toList());

        assertThat(stored).as("created, line added, issued, payment applied").hasSizeGreaterThanOrEqualTo(4);
        assertThat(held).as("every command's appends were held").hasSameSizeAs(stored);
        for (int i = 0; i < stored.size(); i++) {
            DomainEventMessage<?> a = held.get(i);
            DomainEventMessage<?> b = stored.get(i);
            assertThat(a.getIdentifier()).isEqualTo(b.getIdentifier());
            assertThat(a.getSequenceNumber()).isEqualTo(b.getSequenceNumber());
            assertThat(a.getPayload()).as("payload of %s", b.getPayloadType().getSimpleName()).isEqualTo(b.getPayload());
            assertThat(a.getTimestamp()).as("timestamp of %s", b.getPayloadType().getSimpleName())
                    .isEqualTo(b.getTimestamp());
            assertThat(a.getMetaData()).as("metadata of %s", b.getPayloadType().getSimpleName())
                    .isEqualTo(b.getMetaData());
        }
    }
}
