package io.billstream.platform.testapp;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.billstream.platform.events.EventTypes;
import io.billstream.platform.events.IntegrationEvent;
import io.billstream.platform.outbox.OutboxWriter;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** A state change as services make one: written with its integration event in one transaction, inside a request. */
@RestController
class TracedOutboxController {

    private final OutboxWriter outbox;
    private final TransactionTemplate tx;
    private final ObjectMapper mapper;

    TracedOutboxController(OutboxWriter outbox, TransactionTemplate tx, ObjectMapper mapper) {
        this.outbox = outbox;
        this.tx = tx;
        this.mapper = mapper;
    }

    @PostMapping("/v1/traced-documents/{invoiceId}")
    Map<String, Object> generate(@PathVariable String invoiceId) {
        String eventId = "evt_" + UUID.randomUUID().toString().replace("-", "");
        IntegrationEvent event = IntegrationEvent.of(eventId, "billstream/test", EventTypes.DOCUMENT_GENERATED,
                invoiceId, Instant.now(), "ten_a", 1, mapper.createObjectNode().put("invoiceId", invoiceId));
        tx.executeWithoutResult(status -> outbox.write(invoiceId, event));
        return Map.of("eventId", eventId);
    }
}
