package io.billstream.platform.testapp;

import io.billstream.platform.messaging.IntegrationEventCodec;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import java.util.concurrent.CopyOnWriteArrayList;

/** Decodes whatever arrives on its topic; garbage must end on the dead-letter topic, not block the partition. */
@Component
class PoisonListener {

    static final String TOPIC = "platform-test.events";
    final CopyOnWriteArrayList<String> decoded = new CopyOnWriteArrayList<>();
    private final IntegrationEventCodec codec;

    PoisonListener(IntegrationEventCodec codec) {
        this.codec = codec;
    }

    @KafkaListener(topics = TOPIC, groupId = "platform-test")
    void on(String value) {
        decoded.add(codec.decode(value).id());
    }
}
