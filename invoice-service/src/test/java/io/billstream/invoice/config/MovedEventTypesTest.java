package io.billstream.invoice.config;

import io.billstream.invoice.invoicing.api.InvoiceVoided;
import io.billstream.invoice.recurring.api.RecurringInvoiceCancelled;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.serialization.upcasting.event.InitialEventRepresentation;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class MovedEventTypesTest {

    private final JacksonSerializer serializer = JacksonSerializer.defaultSerializer();

    @Test
    void anEventStoredUnderItsOldPackageIsReadAsTheMovedRecord() {
        List<IntermediateEventRepresentation> upcast = new MovedEventTypes()
                .upcast(Stream.of(stored("io.billstream.invoice.api.InvoiceVoided",
                        "{\"invoiceId\":\"inv_1\",\"reason\":\"duplicate\"}")))
                .toList();

        assertThat(upcast).hasSize(1);
        assertThat(upcast.getFirst().getType().getName()).isEqualTo(InvoiceVoided.class.getName());
        Object payload = serializer.deserialize(upcast.getFirst().getData());
        assertThat(payload).isEqualTo(new InvoiceVoided("inv_1", "duplicate"));
    }

    @Test
    void eventsThatDidNotMoveKeepTheirType() {
        String type = RecurringInvoiceCancelled.class.getName();
        List<IntermediateEventRepresentation> upcast = new MovedEventTypes()
                .upcast(Stream.of(stored(type, "{}"))).toList();

        assertThat(upcast.getFirst().getType().getName()).isEqualTo(type);
    }

    private InitialEventRepresentation stored(String type, String json) {
        GenericDomainEventEntry<byte[]> entry = new GenericDomainEventEntry<>("Invoice", "inv_1", 0, "evt_1",
                Instant.EPOCH, type, null, json.getBytes(StandardCharsets.UTF_8),
                "{}".getBytes(StandardCharsets.UTF_8));
        return new InitialEventRepresentation(entry, serializer);
    }
}
