package io.billstream.invoice.config;

import io.billstream.platform.observability.BillstreamMetrics;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextRefreshedEvent;

import java.util.Map;
import java.util.OptionalLong;

/**
 * {@value BillstreamMetrics#AXON_PROCESSOR_LAG}: per streaming processor, how many events of the store lie between
 * its slowest segment held by this instance and the head of the store. Segments held by another instance are that
 * instance's to report, so the processor's lag is the maximum over instances. An instance holding no segment
 * reports 0.
 */
public class ProcessorLagMetrics implements ApplicationListener<ContextRefreshedEvent> {

    private final EventProcessingConfiguration processing;
    private final EventStore eventStore;
    private final MeterRegistry registry;

    public ProcessorLagMetrics(EventProcessingConfiguration processing, EventStore eventStore,
                               MeterRegistry registry) {
        this.processing = processing;
        this.eventStore = eventStore;
        this.registry = registry;
    }

    @Override
    public void onApplicationEvent(ContextRefreshedEvent event) {
        processing.eventProcessors().forEach((name, processor) -> {
            if (processor instanceof StreamingEventProcessor streaming) {
                Gauge.builder(BillstreamMetrics.AXON_PROCESSOR_LAG, streaming, this::lag)
                        .description("Events the processor has still to handle (this instance's segments)")
                        .baseUnit("events")
                        .tag("processor", name)
                        .register(registry);
            }
        });
    }

    private double lag(StreamingEventProcessor processor) {
        try {
            OptionalLong head = position(eventStore.createHeadToken());
            if (head.isEmpty()) {
                return 0;
            }
            long slowest = Long.MAX_VALUE;
            for (Map.Entry<Integer, EventTrackerStatus> segment : processor.processingStatus().entrySet()) {
                OptionalLong at = segment.getValue().getCurrentPosition();
                // a segment with no token yet has everything before it
                slowest = Math.min(slowest, at.isPresent() ? at.getAsLong() : -1);
            }
            return slowest == Long.MAX_VALUE ? 0 : Math.max(0, head.getAsLong() - slowest);
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }

    private static OptionalLong position(TrackingToken token) {
        return token == null ? OptionalLong.empty() : token.position();
    }
}
