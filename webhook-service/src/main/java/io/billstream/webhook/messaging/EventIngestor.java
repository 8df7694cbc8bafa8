package io.billstream.webhook.messaging;

import io.billstream.platform.events.IntegrationEvent;
import io.billstream.platform.messaging.IntegrationEventCodec;
import io.billstream.platform.messaging.PollSegment;
import io.billstream.platform.observability.TraceContexts;
import io.billstream.webhook.messaging.MessageFanOut.Incoming;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * Every integration event of every topic becomes webhook messages and notifications. Records come in
 * batches (what one poll returned) and a batch is stored in one transaction. When that fails, the batch is stored
 * record by record, and the first record that still fails is named to the error handler, which keeps what came
 * before it and treats that record as a single listener would have: retried while the database is out, parked on
 * the dead-letter topic when malformed or failing for good. Each record's {@code traceparent} header is kept with
 * the messages made from it, so their deliveries continue the producer's trace (batch listeners are not observed
 * by spring-kafka, so the header is read here).
 */
@Component
public class EventIngestor {

    private final IntegrationEventCodec codec;
    private final MessageFanOut fanOut;

    public EventIngestor(IntegrationEventCodec codec, MessageFanOut fanOut) {
        this.codec = codec;
        this.fanOut = fanOut;
    }

    @KafkaListener(id = "webhook-ingest",
            groupId = "${billstream.webhooks.consumer-group:webhook-service}",
            topics = "#{T(io.billstream.platform.events.Topics).ALL}",
            batch = "true")
    public void onEvents(List<ConsumerRecord<String, String>> records) {
        PollSegment<Incoming> events = new PollSegment<>(fanOut::acceptAll, fanOut::accept);
        for (int i = 0; i < records.size(); i++) {
            ConsumerRecord<String, String> record = records.get(i);
            try {
                events.add(new Incoming(routable(record.value()), TraceContexts.traceParentOf(record)), i);
            } catch (IntegrationEventCodec.MalformedEventException e) {
                throw events.failedAt(i, e);
            }
        }
        events.store();
    }

    private IntegrationEvent routable(String record) {
        IntegrationEvent event = codec.decode(record);
        if (event.id() == null || event.type() == null || event.tenantId() == null) {
            throw new IntegrationEventCodec.MalformedEventException(
                    "event without id, type or tenantid cannot be routed", null);
        }
        return event;
    }
}
