package io.billstream.platform.observability;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.transport.ReceiverContext;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Carries W3C trace context across work that is stored and done later on another thread (docs/api-reference.md §10): the outbox
 * row, the webhook message, a queued email. Capture {@link #currentTraceParent()} when the work is stored, and run
 * the later work inside {@link #continueTrace}: it becomes a span of the same trace, so the Kafka record, the
 * webhook delivery or the email sent from there carries the caller's trace id, however often it is retried, and
 * the logs written meanwhile carry that trace id too.
 */
public class TraceContexts {

    public static final String TRACEPARENT = "traceparent";

    /** Carries nothing: for code built outside a Spring context (tests). */
    public static final TraceContexts NONE =
            new TraceContexts(() -> Tracer.NOOP, () -> Propagator.NOOP, ObservationRegistry.NOOP);

    private final Supplier<Tracer> tracer;
    private final Supplier<Propagator> propagator;
    private final ObservationRegistry observations;

    /** Suppliers, so a tracer that is configured after this object still counts. */
    public TraceContexts(Supplier<Tracer> tracer, Supplier<Propagator> propagator,
                         ObservationRegistry observations) {
        this.tracer = tracer;
        this.propagator = propagator;
        this.observations = observations;
    }

    /**
     * The {@code traceparent} header of a Kafka record, or null. For batch listeners, which spring-kafka does not
     * observe, so that each record's work can continue its producer's trace ({@link #continueTrace}).
     */
    public static String traceParentOf(ConsumerRecord<?, ?> record) {
        Header header = record.headers().lastHeader(TRACEPARENT);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** The {@code traceparent} of the span current on this thread, or null where nothing is traced. */
    public String currentTraceParent() {
        Span span = tracer.get().currentSpan();
        if (span == null) {
            return null;
        }
        Map<String, String> carrier = new HashMap<>();
        propagator.get().inject(span.context(), carrier, Map::put);
        return carrier.get(TRACEPARENT);
    }

    /**
     * Runs {@code work} as the span {@code name} whose parent is {@code traceParent} (a new trace when it is null
     * or unreadable). Whatever the work sends through an observed client (KafkaTemplate, RestClient, the webhook
     * sender) carries a {@code traceparent} of the same trace.
     */
    public <T> T continueTrace(String name, String traceParent, Supplier<T> work) {
        ReceiverContext<Map<String, String>> context = new ReceiverContext<>(Map::get);
        context.setCarrier(traceParent == null ? Map.of() : Map.of(TRACEPARENT, traceParent));
        return Observation.createNotStarted(name, () -> context, observations).observe(work);
    }

    public void runInTrace(String name, String traceParent, Runnable work) {
        continueTrace(name, traceParent, () -> {
            work.run();
            return null;
        });
    }
}
