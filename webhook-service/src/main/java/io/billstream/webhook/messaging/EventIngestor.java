package io.billstream.webhook.messaging;

import io.billstream.platform.events.IntegrationEvent;
import io.billstream.platform.messaging.IntegrationEventCodec;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Every integration event of every topic (SPEC §9) becomes webhook messages and notifications. */
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
            topics = "#{T(io.billstream.platform.events.Topics).ALL}")
    public void onEvent(String record) {
        IntegrationEvent event = codec.decode(record);
        if (event.id() == null || event.type() == null || event.tenantId() == null) {
            throw new IntegrationEventCodec.MalformedEventException(
                    "event without id, type or tenantid cannot be routed", null);
        }
        fanOut.accept(event);
    }
}
