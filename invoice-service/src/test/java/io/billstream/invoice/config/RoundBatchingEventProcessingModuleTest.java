package io.billstream.invoice.config;

import io.billstream.testsupport.ServiceIntegrationTest;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.EventProcessingModule;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventMessageHandler;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.SimpleEventHandlerInvoker;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.messaging.StreamableMessageSource;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One append of two events, handled by a pooled processor on the service's own event source (the embedded store
 * and its wake-up), token store and transactions: both events arrive in one batch, so in one transaction with one
 * token update. Axon's own executors start the worker at the first event and mostly split such a pair.
 */
@ServiceIntegrationTest
class RoundBatchingEventProcessingModuleTest {

    private static final int APPENDS = 30;

    @Autowired
    EventProcessingModule eventProcessing;

    @Autowired
    SignallingEventSource signallingEventSource;

    @Autowired
    EventStorageEngine storageEngine;

    @Autowired
    TokenStore tokenStore;

    @Autowired
    TransactionManager transactionManager;

    @Autowired
    TransactionTemplate tx;

    private final List<Runnable> shutdowns = Collections.synchronizedList(new ArrayList<>());
    private final String run = UUID.randomUUID().toString().replace("-", "");
    // for each append (its aggregate), the batches (units of work) its events were handled in
    private final Map<String, Set<Object>> batchesByAppend = new ConcurrentHashMap<>();
    private final Map<String, Integer> handled = new ConcurrentHashMap<>();
    private PooledStreamingEventProcessor processor;

    @AfterEach
    void stop() {
        if (processor != null) {
            processor.shutDown();
        }
        shutdowns.forEach(Runnable::run);
    }

    @Test
    void theServiceRunsItsPooledProcessorsThisWay() {
        assertThat(eventProcessing).isInstanceOf(RoundBatchingEventProcessingModule.class);
    }

    @Test
    void theEventsOfOneAppendAreHandledInOneBatch() {
        processor = RoundBatchingEventProcessingModule.roundBatching(PooledStreamingEventProcessor.builder()
                        .name("round-batching-" + run)
                        .eventHandlerInvoker(SimpleEventHandlerInvoker.builder()
                                .eventHandlers(List.of((EventMessageHandler) this::record)).build())
                        .messageSource(signallingEventSource)
                        .tokenStore(tokenStore)
                        .transactionManager(transactionManager)
                        .initialToken(StreamableMessageSource::createHeadToken)
                        .initialSegmentCount(1)
                        .batchSize(16),
                "round-batching-" + run, 2, shutdowns::add).build();
        processor.start();
        await().atMost(30, TimeUnit.SECONDS).until(() -> processor.processingStatus().size() == 1);

        for (int i = 0; i < APPENDS; i++) {
            String aggregate = "inv_rounds" + run + i;
            tx.executeWithoutResult(status -> storageEngine.appendEvents(
                    new GenericDomainEventMessage<>("Invoice", aggregate, 0, "created"),
                    new GenericDomainEventMessage<>("Invoice", aggregate, 1, "issued")));
            await().atMost(10, TimeUnit.SECONDS).until(() -> handled.getOrDefault(aggregate, 0) == 2);
        }

        long split = batchesByAppend.values().stream().filter(batches -> batches.size() > 1).count();
        assertThat(batchesByAppend).hasSize(APPENDS);
        assertThat(split).as("appends whose two events were handled in two batches").isZero();
    }

    private Object record(EventMessage<?> event) {
        if (event instanceof DomainEventMessage<?> domain
                && domain.getAggregateIdentifier().startsWith("inv_rounds" + run)) {
            batchesByAppend.computeIfAbsent(domain.getAggregateIdentifier(),
                            a -> Collections.synchronizedSet(Collections.newSetFromMap(new IdentityHashMap<>())))
                    .add(CurrentUnitOfWork.get());
            handled.merge(domain.getAggregateIdentifier(), 1, Integer::sum);
        }
        return null;
    }
}
