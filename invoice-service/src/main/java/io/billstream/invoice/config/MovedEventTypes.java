package io.billstream.invoice.config;

import com.fasterxml.jackson.databind.JsonNode;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;
import org.springframework.stereotype.Component;

import java.util.function.Function;

/**
 * The event store names each payload by its class. The invoice events moved from {@code io.billstream.invoice.api}
 * into the invoicing slice ({@code io.billstream.invoice.invoicing.api}); events stored under the old name are read
 * as the same record under the new one, field for field. Axon registers every EventUpcaster bean in the chain the
 * storage engine reads through (InvoiceAxonConfiguration).
 */
@Component
class MovedEventTypes extends SingleEventUpcaster {

    static final String BEFORE = "io.billstream.invoice.api.";
    static final String AFTER = "io.billstream.invoice.invoicing.api.";

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        return representation.getType().getName().startsWith(BEFORE);
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        SerializedType type = representation.getType();
        SerializedType moved = new SimpleSerializedType(AFTER + type.getName().substring(BEFORE.length()),
                type.getRevision());
        return representation.upcastPayload(moved, JsonNode.class, Function.identity());
    }
}
