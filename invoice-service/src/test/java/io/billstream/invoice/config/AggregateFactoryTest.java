package io.billstream.invoice.config;

import io.billstream.invoice.invoicing.domain.Invoice;
import io.billstream.invoice.recurring.domain.RecurringInvoice;
import io.billstream.testsupport.ServiceIntegrationTest;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.modelling.command.Repository;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The repositories Axon's Spring set-up builds take the factories of InvoiceAxonConfiguration: without them it falls
 * back to a Spring prototype bean per load, silently, so only the wiring itself can show which one is used.
 */
@ServiceIntegrationTest
class AggregateFactoryTest {

    @Autowired
    @Qualifier("invoiceRepository")
    Repository<Invoice> invoices;
    @Autowired
    @Qualifier("recurringInvoiceRepository")
    Repository<RecurringInvoice> schedules;

    @Test
    void aggregatesAreBuiltWithTheirConstructorNotAsPrototypeBeans() {
        assertThat(((EventSourcingRepository<Invoice>) invoices).getAggregateFactory())
                .isInstanceOf(ConstructorAggregateFactory.class)
                .extracting(f -> f.getAggregateType()).isEqualTo(Invoice.class);
        assertThat(((EventSourcingRepository<RecurringInvoice>) schedules).getAggregateFactory())
                .isInstanceOf(ConstructorAggregateFactory.class)
                .extracting(f -> f.getAggregateType()).isEqualTo(RecurringInvoice.class);
    }
}
