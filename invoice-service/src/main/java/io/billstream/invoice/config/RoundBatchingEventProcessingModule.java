package io.billstream.invoice.config;

import org.axonframework.common.AxonThreadFactory;
import org.axonframework.config.Configuration;
import org.axonframework.config.EventProcessingModule;
import org.axonframework.eventhandling.EventHandlerInvoker;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.axonframework.messaging.StreamableMessageSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.function.Consumer;
import java.util.function.ToIntFunction;

/**
 * Axon's event processing, with one change to every pooled processor: a work package's worker starts only once the
 * coordinator has handed out all it read in one run, not at the first event it hands out.
 * <p>
 * Axon's coordinator offers the events it has read one at a time, and the first offer to a work package starts its
 * worker at once. The worker then usually begins before the coordinator has offered the second event of the same
 * append, commits a batch of one (a transaction and a token update) and takes the rest in a second batch: a debug
 * log of the work packages counted 132 batches of one against 54 of two for appends of two events. Deferring the
 * start to the end of the coordinator's run keeps what one append wrote in one batch, and adds no waiting on a
 * clock: the run ends as soon as the coordinator has offered what was available. (What is available is the whole
 * append because the processors are woken only once the store has put all of its read into the shared stream:
 * {@link SignallingEventSource}.)
 * <p>
 * The executors are set after every other customization, since Spring Boot's sets the worker executor itself
 * (sized by {@code axon.eventhandling.processors.<name>.thread-count}, which is kept here).
 */
public class RoundBatchingEventProcessingModule extends EventProcessingModule {

    private static final Logger log = LoggerFactory.getLogger(RoundBatchingEventProcessingModule.class);
    // worker starts the coordinator asked for in its current run, on the coordinator's thread only
    private static final ThreadLocal<List<Runnable>> DEFERRED_STARTS = new ThreadLocal<>();

    private final ToIntFunction<String> workerThreads;

    /** @param workerThreads the worker threads of the processor with the given name */
    public RoundBatchingEventProcessingModule(ToIntFunction<String> workerThreads) {
        this.workerThreads = workerThreads;
    }

    @Override
    protected EventProcessor pooledStreamingEventProcessor(
            String name, EventHandlerInvoker eventHandlerInvoker, Configuration config,
            StreamableMessageSource<TrackedEventMessage<?>> messageSource,
            PooledStreamingProcessorConfiguration processorConfiguration) {
        return super.pooledStreamingEventProcessor(name, eventHandlerInvoker, config, messageSource,
                processorConfiguration.andThen((c, builder) ->
                        roundBatching(builder, name, workerThreads.applyAsInt(name), c::onShutdown)));
    }

    /** Gives the builder a coordinator and workers whose starts wait for the end of the coordinator's run. */
    static PooledStreamingEventProcessor.Builder roundBatching(PooledStreamingEventProcessor.Builder builder,
                                                               String name, int workerThreads,
                                                               Consumer<Runnable> onShutdown) {
        Coordinator coordinator = new Coordinator(name);
        Workers workers = new Workers(name, workerThreads);
        onShutdown.accept(coordinator::shutdown);
        onShutdown.accept(workers::shutdown);
        return builder.coordinatorExecutor(coordinator).workerExecutor(workers);
    }

    /** Runs the coordinator, one task at a time; the worker starts asked for during a task follow it. */
    private static final class Coordinator extends ScheduledThreadPoolExecutor {

        Coordinator(String name) {
            super(1, new AxonThreadFactory("Coordinator[" + name + "]"));
        }

        @Override
        protected void beforeExecute(Thread thread, Runnable task) {
            super.beforeExecute(thread, task);
            DEFERRED_STARTS.set(new ArrayList<>());
        }

        @Override
        protected void afterExecute(Runnable task, Throwable thrown) {
            List<Runnable> starts = DEFERRED_STARTS.get();
            DEFERRED_STARTS.remove();
            if (starts != null) {
                starts.forEach(Runnable::run);
            }
            super.afterExecute(task, thrown);
        }
    }

    /** The work packages' threads. A start asked for on a coordinator's thread waits for its task to end. */
    private static final class Workers extends ScheduledThreadPoolExecutor {

        Workers(String name, int threads) {
            super(threads, new AxonThreadFactory("WorkPackage[" + name + "]"));
        }

        @Override
        public Future<?> submit(Runnable work) {
            List<Runnable> starts = DEFERRED_STARTS.get();
            if (starts == null) {
                return super.submit(work);
            }
            FutureTask<?> start = new FutureTask<>(work, null);
            starts.add(() -> {
                try {
                    execute(start);
                } catch (RejectedExecutionException stopping) {
                    // the processor is shutting down: its work packages are abandoned with it
                    log.debug("work package not started: its executor has stopped");
                    start.cancel(false);
                }
            });
            return start;
        }
    }
}
