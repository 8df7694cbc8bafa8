package io.billstream.webhook.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.billstream.platform.events.IntegrationEvent;
import io.billstream.platform.ids.Ids;
import io.billstream.platform.messaging.ProcessedEvents;
import io.billstream.webhook.WebhookProperties;
import io.billstream.webhook.domain.DeliveryTrigger;
import io.billstream.webhook.domain.Notifications;
import io.billstream.webhook.domain.Payloads;
import io.billstream.webhook.persistence.EndpointRepository;
import io.billstream.webhook.persistence.MessageRepository;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Persists one pending message per matching enabled endpoint of the event's tenant, plus any notification, in the
 * same transaction that marks the event consumed: a crash before commit redelivers the event, a redelivery after
 * commit finds the mark and changes nothing. A batch of events shares one transaction.
 */
@Service
public class MessageFanOut {

    private final ProcessedEvents processed;
    private final EndpointRepository endpoints;
    private final MessageRepository messages;
    private final Notifications notifications;
    private final DeliveryTrigger signal;
    private final ObjectMapper mapper;
    private final String consumer;

    public MessageFanOut(ProcessedEvents processed, EndpointRepository endpoints, MessageRepository messages,
                         Notifications notifications, DeliveryTrigger signal, ObjectMapper mapper,
                         WebhookProperties properties) {
        this.processed = processed;
        this.endpoints = endpoints;
        this.messages = messages;
        this.notifications = notifications;
        this.signal = signal;
        this.mapper = mapper;
        this.consumer = properties.consumerGroup();
    }

    /** An event as it came off Kafka, with the W3C traceparent its record carried (or null). */
    public record Incoming(IntegrationEvent event, String traceParent) {
    }

    /** Returns how many messages were created (0 for a redelivery). */
    @Transactional
    public int accept(IntegrationEvent event) {
        return accept(new Incoming(event, null));
    }

    @Transactional
    public int accept(Incoming incoming) {
        return fanOut(incoming.event(), incoming.traceParent(), endpoints::matching);
    }

    /** All in one transaction; each tenant's matching endpoints are looked up once per event type. */
    @Transactional
    public int acceptAll(List<Incoming> events) {
        Map<List<String>, List<String>> targets = new HashMap<>();
        int created = 0;
        for (Incoming incoming : events) {
            created += fanOut(incoming.event(), incoming.traceParent(), (tenant, type) -> targets.computeIfAbsent(
                    List.of(tenant, type), key -> endpoints.matching(tenant, type)));
        }
        return created;
    }

    private int fanOut(IntegrationEvent event, String traceParent,
                       BiFunction<String, String, List<String>> matching) {
        if (!processed.markProcessed(consumer, event.id())) {
            return 0;
        }
        notifications.onEvent(event);
        List<String> targets = matching.apply(event.tenantId(), event.type());
        if (targets.isEmpty()) {
            return 0;
        }
        Instant timestamp = event.time() == null ? Instant.now() : event.time();
        String body = Payloads.body(mapper, event.type(), timestamp, event.data());
        int created = 0;
        for (String endpointId : targets) {
            if (messages.insertIfAbsent(Ids.newId("msg"), event.tenantId(), endpointId, event.id(), event.type(),
                    body, traceParent)) {
                created++;
            }
        }
        signal.afterCommit();
        return created;
    }
}
