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
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Persists one pending message per matching enabled endpoint of the event's tenant, plus any notification, in the
 * same transaction that marks the event consumed: a crash before commit redelivers the event, a redelivery after
 * commit finds the mark and changes nothing. A batch of events shares one transaction.
 * <p>
 * An event that no endpoint of its tenant subscribes to and that notifies nobody changes nothing, so it is neither
 * marked nor given a transaction: most events of a stack are of that kind (invoice.created, document.generated… of
 * tenants without endpoints), and their mark was a write and a commit each (docs/benchmarks.md, row 24). The
 * endpoints are looked up before the transaction; one created in between gets the events that follow it, as
 * before.
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
    private final TransactionTemplate tx;

    public MessageFanOut(ProcessedEvents processed, EndpointRepository endpoints, MessageRepository messages,
                         Notifications notifications, DeliveryTrigger signal, ObjectMapper mapper,
                         WebhookProperties properties, PlatformTransactionManager transactions) {
        this.tx = new TransactionTemplate(transactions);
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

    /** An event with the endpoints it goes to. */
    private record Routed(Incoming incoming, List<String> targets) {
    }

    /** Returns how many messages were created (0 for a redelivery). */
    public int accept(IntegrationEvent event) {
        return accept(new Incoming(event, null));
    }

    public int accept(Incoming incoming) {
        return acceptAll(List.of(incoming));
    }

    /** All in one transaction; each tenant's matching endpoints are looked up once per event type. */
    public int acceptAll(List<Incoming> events) {
        Map<List<String>, List<String>> targets = new HashMap<>();
        List<Routed> routed = new ArrayList<>(events.size());
        for (Incoming incoming : events) {
            IntegrationEvent event = incoming.event();
            List<String> to = targets.computeIfAbsent(List.of(event.tenantId(), event.type()),
                    key -> endpoints.matching(event.tenantId(), event.type()));
            if (!to.isEmpty() || notifications.notifies(event.type())) {
                routed.add(new Routed(incoming, to));
            }
        }
        if (routed.isEmpty()) {
            return 0;
        }
        Integer created = tx.execute(status -> {
            int count = 0;
            for (Routed r : routed) {
                count += fanOut(r.incoming().event(), r.incoming().traceParent(), r.targets());
            }
            return count;
        });
        return created == null ? 0 : created;
    }

    private int fanOut(IntegrationEvent event, String traceParent, List<String> targets) {
        if (!processed.markProcessed(consumer, event.id())) {
            return 0;
        }
        notifications.onEvent(event);
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
        signal.messagesInserted();
        return created;
    }
}
