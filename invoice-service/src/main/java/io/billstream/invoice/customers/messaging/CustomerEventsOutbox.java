package io.billstream.invoice.customers.messaging;

import io.billstream.invoice.customers.domain.CustomerEvents;
import io.billstream.invoice.customers.domain.Customer;
import io.billstream.platform.events.EventIds;
import io.billstream.platform.events.EventTypes;
import io.billstream.platform.events.IntegrationEvent;
import io.billstream.platform.messaging.IntegrationEventCodec;
import io.billstream.platform.outbox.OutboxWriter;
import org.springframework.stereotype.Component;

/**
 * customer.* integration events (API contract §9). Customers are plain rows, not an event-sourced aggregate, so their
 * events go through the outbox in the same transaction as the row change; the platform relay publishes them.
 */
@Component
public class CustomerEventsOutbox implements CustomerEvents {

    static final String SOURCE = "billstream/invoice-service";

    private final OutboxWriter outbox;
    private final IntegrationEventCodec codec;

    public CustomerEventsOutbox(OutboxWriter outbox, IntegrationEventCodec codec) {
        this.outbox = outbox;
        this.codec = codec;
    }

    public void created(Customer customer) {
        write(EventTypes.CUSTOMER_CREATED, customer);
    }

    /** Every later change, archiving included (then {@code data.archived} is true). */
    public void updated(Customer customer) {
        write(EventTypes.CUSTOMER_UPDATED, customer);
    }

    private void write(String type, Customer customer) {
        IntegrationEvent event = IntegrationEvent.of(EventIds.newEventId(), SOURCE, type, customer.id(),
                customer.updatedAt(), customer.tenantId(), customer.version(), codec.dataOf(customer.toData()));
        outbox.write(customer.id(), event);
    }
}
