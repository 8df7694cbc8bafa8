package io.billstream.platform.messaging;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** Counts records sent to {@code <topic>.dlt}, so operators can alert on them (docs/api-reference.md §9). */
public class DeadLetterMetrics {

    private final MeterRegistry registry;

    public DeadLetterMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void deadLettered(String topic) {
        Counter.builder("billstream.kafka.dead.letters")
                .description("Records that kept failing and went to the dead-letter topic")
                .tag("topic", topic)
                .register(registry)
                .increment();
    }
}
