package io.billstream.invoice.config;

import io.billstream.invoice.invoicing.messaging.InvoiceIntegrationPublisher;
import io.billstream.invoice.recurring.messaging.RecurringInvoiceIntegrationPublisher;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.common.jpa.EntityManagerProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configurer;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.deadletter.jpa.JpaSequencedDeadLetterQueue;
import org.axonframework.messaging.deadletter.Decisions;
import org.axonframework.messaging.deadletter.EnqueuePolicy;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.axonframework.serialization.Serializer;
import org.axonframework.springboot.EventProcessorProperties;
import org.axonframework.springboot.util.DeadLetterQueueProviderConfigurerModule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;

import javax.sql.DataSource;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * API contract §9: an event one processor cannot apply is parked with its sequence (the invoice) in Axon's sequenced
 * dead-letter queue (JPA, table {@code dead_letter_entry}), so every other invoice of the same segment and every
 * other tenant keeps flowing. Every processor of the service gets one, including processors other modules add
 * later. Parking keeps per-invoice order (later events of a parked invoice are parked behind it), which the Kafka
 * publisher needs; failures of the infrastructure itself (database or broker unreachable) are not the event's fault
 * and still fail the batch, so the segment retries instead of parking every invoice.
 * <p>
 * Visible as the gauge {@value #PARKED_METRIC} (letters per processing group), the counter {@value #ENQUEUED_METRIC},
 * an ERROR log line with the event id, and the operator endpoint {@code /internal/dead-letters} (web.DeadLetterController).
 */
@Configuration(proxyBeanMethods = false)
public class InvoiceDeadLetterConfiguration {

    public static final String PARKED_METRIC = "billstream.axon.dead.letters";
    public static final String ENQUEUED_METRIC = "billstream.axon.dead.letters.enqueued";
    private static final Logger log = LoggerFactory.getLogger(InvoiceDeadLetterConfiguration.class);

    /** Replaces Axon's module of the same type, which gives a queue only to processors listed with dlq.enabled. */
    @Bean
    DeadLetterQueueProviderConfigurerModule deadLetterQueueProviderConfigurerModule(
            EventProcessorProperties properties, EntityManagerProvider entityManagerProvider,
            TransactionManager transactionManager, Serializer genericSerializer,
            @Qualifier("eventSerializer") Serializer eventSerializer) {
        Function<String, Function<org.axonframework.config.Configuration, SequencedDeadLetterQueue<EventMessage<?>>>>
                provider = group -> config -> JpaSequencedDeadLetterQueue.builder()
                .processingGroup(group)
                .entityManagerProvider(entityManagerProvider)
                .transactionManager(transactionManager)
                .genericSerializer(genericSerializer)
                .eventSerializer(eventSerializer)
                // Axon's default of 1,024 sequences would stop the processor on the 1,025th parked invoice
                .maxSequences(100_000)
                .build();
        return new DeadLetterQueueProviderConfigurerModule(properties, provider) {
            @Override
            public void configureModule(Configurer configurer) {
                configurer.eventProcessing().registerDeadLetterQueueProvider(provider);
            }
        };
    }

    /**
     * A handler's exception must reach the dead-lettering invoker: Axon's default listener error handler would log
     * and skip the event instead.
     */
    @Bean
    ConfigurerModule deadLetterPolicy(MeterRegistry meters) {
        Counter enqueued = meters.counter(ENQUEUED_METRIC);
        EnqueuePolicy<EventMessage<?>> policy = (letter, cause) -> {
            if (infrastructureFailure(cause)) {
                throw new InfrastructureUnavailable(cause);
            }
            EventMessage<?> event = letter.message();
            log.error("parked event {} ({}) of sequence {} in the dead-letter queue: {}", event.getIdentifier(),
                    event.getPayloadType().getSimpleName(),
                    event instanceof DomainEventMessage<?> domain ? domain.getAggregateIdentifier() : "-",
                    cause.toString());
            enqueued.increment();
            return Decisions.enqueue(cause);
        };
        return configurer -> configurer.eventProcessing()
                .registerDefaultListenerInvocationErrorHandler(c -> PropagatingErrorHandler.instance())
                .registerDefaultDeadLetterPolicy(c -> policy);
    }

    @Bean
    SavepointPerEventHandler savepointPerEventHandler(DataSource dataSource) {
        return new SavepointPerEventHandler(dataSource,
                Set.of(InvoiceIntegrationPublisher.class, RecurringInvoiceIntegrationPublisher.class));
    }

    @Bean
    ParkedLetterGauges parkedLetterGauges(EventProcessingConfiguration processing, MeterRegistry meters) {
        return new ParkedLetterGauges(processing, meters);
    }

    /** One gauge per processing group, registered once the processors exist. */
    public static final class ParkedLetterGauges {
        private final EventProcessingConfiguration processing;
        private final MeterRegistry meters;
        private final Set<String> registered = ConcurrentHashMap.newKeySet();

        ParkedLetterGauges(EventProcessingConfiguration processing, MeterRegistry meters) {
            this.processing = processing;
            this.meters = meters;
        }

        @EventListener(ApplicationReadyEvent.class)
        public void register() {
            for (String group : processing.eventProcessors().keySet()) {
                Optional<SequencedDeadLetterQueue<EventMessage<?>>> queue = processing.deadLetterQueue(group);
                if (queue.isPresent() && registered.add(group)) {
                    SequencedDeadLetterQueue<EventMessage<?>> q = queue.get();
                    Gauge.builder(PARKED_METRIC, q, ParkedLetterGauges::size)
                            .description("Events parked in the dead-letter queue of an Axon processing group")
                            .tag("processing_group", group)
                            .register(meters);
                }
            }
        }

        private static double size(SequencedDeadLetterQueue<EventMessage<?>> queue) {
            try {
                return queue.size();
            } catch (RuntimeException e) {
                return Double.NaN; // database away: the health check says so; the gauge just has no value
            }
        }
    }

    static boolean infrastructureFailure(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof TransientDataAccessException || t instanceof RecoverableDataAccessException
                    || t instanceof DataAccessResourceFailureException
                    || t instanceof CannotGetJdbcConnectionException || t instanceof CannotCreateTransactionException
                    || t instanceof SQLTransientException || t instanceof SQLRecoverableException
                    || t instanceof org.apache.kafka.common.errors.RetriableException
                    || t instanceof java.util.concurrent.TimeoutException || t instanceof InterruptedException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("08")) {
                return true; // connection exceptions
            }
        }
        return false;
    }

    /** Fails the batch instead of parking: the segment is retried from its token once the dependency is back. */
    static final class InfrastructureUnavailable extends RuntimeException {
        InfrastructureUnavailable(Throwable cause) {
            super("infrastructure unavailable, not parking the event: " + cause, cause);
        }
    }
}
