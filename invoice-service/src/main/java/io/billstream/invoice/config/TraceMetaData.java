package io.billstream.invoice.config;

import io.billstream.platform.observability.TraceContexts;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;

import java.util.List;
import java.util.function.BiFunction;

/**
 * Puts the dispatching request's W3C traceparent on each command's metadata; the correlation data provider copies it
 * onto the command's events, and the integration publisher sends their Kafka records in that trace (API contract §10). The
 * event store is the outbox here, so the trace must travel in the events themselves.
 */
public class TraceMetaData implements MessageDispatchInterceptor<CommandMessage<?>> {

    public static final String KEY = TraceContexts.TRACEPARENT;

    private final TraceContexts traces;

    public TraceMetaData(TraceContexts traces) {
        this.traces = traces;
    }

    @Override
    public BiFunction<Integer, CommandMessage<?>, CommandMessage<?>> handle(List<? extends CommandMessage<?>> messages) {
        return (index, command) -> {
            if (command.getMetaData().containsKey(KEY)) {
                return command;
            }
            String traceParent = traces.currentTraceParent();
            return traceParent == null ? command : command.andMetaData(java.util.Map.of(KEY, traceParent));
        };
    }
}
