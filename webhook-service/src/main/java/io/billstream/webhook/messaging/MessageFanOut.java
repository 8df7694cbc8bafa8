package io.billstream.webhook.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.billstream.platform.events.IntegrationEvent;
import io.billstream.platform.ids.Ids;
import io.billstream.platform.messaging.ProcessedEvents;
import io.billstream.webhook.config.WebhookProperties;
import io.billstream.webhook.delivery.DeliverySignal;
import io.billstream.webhook.domain.Payloads;
import io.billstream.webhook.persistence.EndpointRepository;
import io.billstream.webhook.persistence.MessageRepository;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Instant;
import java.util.List;

/**
 * Persists one pending message per matching enabled endpoint of the event's tenant, plus any notification, in the
 * same transaction that marks the event consumed: a crash before commit redelivers the event, a redelivery after
 * commit finds the mark and changes nothing.
 */
@Service
public class MessageFanOut {

    private final ProcessedEvents processed;
    private final EndpointRepository endpoints;
    private final MessageRepository messages;
    private final Notifications notifications;
    private final DeliverySignal signal;
    private final ObjectMapper mapper;
    private final String consumer;

    public MessageFanOut(ProcessedEvents processed, EndpointRepository endpoints, MessageRepository messages,
                         Notifications notifications, DeliverySignal signal, ObjectMapper mapper,
                         WebhookProperties properties) {
        this.processed = processed;
        this.endpoints = endpoints;
        this.messages = messages;
        this.notifications = notifications;
        this.signal = signal;
        this.mapper = mapper;
        this.consumer = properties.consumerGroup();
    }

    /** Returns how many messages were created (0 for a redelivery). */
    @Transactional
    public int accept(IntegrationEvent event) {
        if (!processed.markProcessed(consumer, event.id())) {
            return 0;
        }
        notifications.onEvent(event);
        List<String> targets = endpoints.matching(event.tenantId(), event.type());
        if (targets.isEmpty()) {
            return 0;
        }
        Instant timestamp = event.time() == null ? Instant.now() : event.time();
        String body = Payloads.body(mapper, event.type(), timestamp, event.data());
        int created = 0;
        for (String endpointId : targets) {
            if (messages.insertIfAbsent(Ids.newId("msg"), event.tenantId(), endpointId, event.id(), event.type(),
                    body)) {
                created++;
            }
        }
        signal.afterCommit();
        return created;
    }
}
