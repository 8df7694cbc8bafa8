package io.billstream.invoice.config;

import io.billstream.platform.observability.BillstreamMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * {@value BillstreamMetrics#AXON_COMMAND}: one command from the start of its handling to the end of its unit of
 * work, so the append of its events (and a lost append race) counts. Tags: the command's class, and whether its
 * unit of work committed ({@code success}) or rolled back ({@code failure}, refusals included).
 */
public class CommandTimer implements MessageHandlerInterceptor<CommandMessage<?>> {

    private final MeterRegistry registry;

    public CommandTimer(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain)
            throws Exception {
        String command = unitOfWork.getMessage().getPayloadType().getSimpleName();
        long start = System.nanoTime();
        unitOfWork.onCleanup(done -> Timer.builder(BillstreamMetrics.AXON_COMMAND)
                .description("Axon command handling, including the append of its events")
                .tag("command", command)
                .tag("outcome", done.isRolledBack() ? "failure" : "success")
                .register(registry)
                .record(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS));
        return chain.proceed();
    }
}
