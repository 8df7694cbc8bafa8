package io.billstream.invoice.config;

import io.billstream.platform.messaging.DatabaseNotifications;
import org.axonframework.eventhandling.EventBusSpanFactory;
import org.axonframework.eventsourcing.AggregateFactory;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.springframework.beans.factory.ObjectProvider;

import io.billstream.invoice.invoicing.domain.Invoice;
import io.billstream.invoice.invoicing.domain.InvoiceMetaData;
import io.billstream.invoice.recurring.domain.RecurringInvoice;
import io.billstream.invoice.invoicing.messaging.InvoiceIntegrationPublisher;
import io.billstream.invoice.invoicing.persistence.RecentStreams;
import io.billstream.platform.observability.TraceContexts;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.config.EventProcessingModule;
import org.axonframework.springboot.EventProcessorProperties;
import io.billstream.platform.security.Actor;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.jpa.EntityManagerProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.deadline.DeadlineMessage;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jpa.JpaEventStorageEngine;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.serialization.Serializer;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.axonframework.springboot.util.RegisterDefaultEntities;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.DataSourceUtils;

import javax.sql.DataSource;
import java.time.Duration;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.Map;

// Axon registers its event entities only from the auto-configuration that this class's storage engine replaces
@RegisterDefaultEntities(packages = "org.axonframework.eventsourcing.eventstore.jpa")
@Configuration(proxyBeanMethods = false)
public class InvoiceAxonConfiguration {

    /** The channel the event store's append trigger notifies (migration V100). */
    static final String EVENTS_CHANNEL = "invoice_events";

    /**
     * Copies tenant and actor from the command onto its events. A deadline firing keeps the tenant but is the
     * system's doing, whoever issued the invoice.
     */
    @Bean
    CorrelationDataProvider invoiceActorCorrelation() {
        return (Message<?> message) -> {
            Map<String, Object> data = new HashMap<>();
            Object tenant = message.getMetaData().get(InvoiceMetaData.TENANT);
            if (tenant != null) {
                data.put(InvoiceMetaData.TENANT, tenant);
            }
            Actor actor = message instanceof DeadlineMessage<?> ? Actor.SYSTEM
                    : InvoiceMetaData.actorOf(message.getMetaData());
            data.put(InvoiceMetaData.ACTOR_TYPE, actor.type().wire());
            data.put(InvoiceMetaData.ACTOR_ID, actor.id());
            // a deadline fires days later: its events start a trace of their own
            Object traceParent = message.getMetaData().get(TraceMetaData.KEY);
            if (traceParent != null && !(message instanceof DeadlineMessage<?>)) {
                data.put(TraceMetaData.KEY, traceParent);
            }
            return data;
        };
    }

    /**
     * Axon's JPA store as its auto-configuration builds it, reading past gaps without a full index walk, and reading
     * without a transaction of its own. A gap older than Axon's gap timeout ({@code
     * billstream.invoice.event-store.gap-timeout}, default Axon's 60 s) is given up as a rolled-back append.
     */
    @Bean
    GapBoundedJpaEventStorageEngine eventStorageEngine(Serializer defaultSerializer,
                                          PersistenceExceptionResolver exceptionResolver,
                                          @Qualifier("eventSerializer") Serializer eventSerializer,
                                          org.axonframework.config.Configuration configuration,
                                          EntityManagerProvider entityManagerProvider,
                                          TransactionManager transactionManager, DataSource dataSource,
                                          RecentStreams recentStreams,
                                          @Value("${billstream.invoice.event-store.gap-timeout:60s}")
                                          Duration gapTimeout) {
        return new GapBoundedJpaEventStorageEngine(JpaEventStorageEngine.builder()
                .snapshotSerializer(defaultSerializer)
                .upcasterChain(configuration.upcasterChain())
                .persistenceExceptionResolver(exceptionResolver)
                .eventSerializer(eventSerializer)
                .snapshotFilter(configuration.snapshotFilter())
                .entityManagerProvider(entityManagerProvider)
                .transactionManager(new ReadsWithoutTransaction(transactionManager)), dataSource, recentStreams,
                gapTimeout, InstantSource.system());
    }

    /**
     * Axon's embedded event store as its auto-configuration builds it, woken by a database notification on every
     * append (WakeableEventStore) so that its poll for other instances' events can be slow: one read per
     * {@code billstream.invoice.event-store.safety-poll} (default 30 s) when nothing happens, not one a second.
     */
    @Bean
    WakeableEventStore eventStore(EventStorageEngine storageEngine, org.axonframework.config.Configuration configuration,
                                  ObjectProvider<DatabaseNotifications> notifications,
                                  @Value("${billstream.invoice.event-store.safety-poll:30s}") Duration safetyPoll) {
        DatabaseNotifications listener = notifications.getIfAvailable();
        WakeableEventStore store = new WakeableEventStore(EmbeddedEventStore.builder()
                .storageEngine(storageEngine)
                .messageMonitor(configuration.messageMonitor(EventStore.class, "eventStore"))
                .spanFactory(configuration.getComponent(EventBusSpanFactory.class))
                // without notifications (billstream.notifications.enabled=false) Axon's own 1 s poll stays
                .fetchDelay(listener == null ? 1_000 : safetyPoll.toMillis()));
        if (listener != null) {
            listener.listen(EVENTS_CHANNEL, store::wake);
        }
        return store;
    }

    /**
     * The invoice is built with its no-argument constructor, not as a Spring prototype bean: nothing is injected
     * into it (handlers take what they need as parameters), and asking the bean factory for a prototype on every
     * load was on 4.7 % of the service's CPU samples at 100 payments/s (docs/benchmarks.md, row 31). Axon's Spring
     * set-up uses the bean named {@code <aggregate>AggregateFactory} when one is defined.
     */
    @Bean
    AggregateFactory<Invoice> invoiceAggregateFactory() {
        return new ConstructorAggregateFactory<>(Invoice.class);
    }

    /** As {@link #invoiceAggregateFactory()}, for the recurring schedule. */
    @Bean
    AggregateFactory<RecurringInvoice> recurringInvoiceAggregateFactory() {
        return new ConstructorAggregateFactory<>(RecurringInvoice.class);
    }

    /** Axon's gateway as its auto-configuration builds it, plus the retry of a command that lost an append race. */
    @Bean
    CommandGateway commandGateway(CommandBus commandBus, ConcurrentAppendRetry concurrentAppendRetry,
                                  TraceContexts traces, MeterRegistry registry) {
        commandBus.registerHandlerInterceptor(new CommandTimer(registry));
        return DefaultCommandGateway.builder().commandBus(commandBus).retryScheduler(concurrentAppendRetry)
                .dispatchInterceptors(new TraceMetaData(traces)).build();
    }

    @Bean
    ProcessorLagMetrics processorLagMetrics(EventProcessingConfiguration processing, EventStore eventStore,
                                            MeterRegistry registry) {
        return new ProcessorLagMetrics(processing, eventStore, registry);
    }

    @Bean
    ConcurrentAppendRetry concurrentAppendRetry() {
        return ConcurrentAppendRetry.onOwnThread();
    }

    @Bean
    SignallingEventSource signallingEventSource(EventStore eventStore, GapBoundedJpaEventStorageEngine storageEngine) {
        return new SignallingEventSource(eventStore, storageEngine::awaitHandedOut);
    }

    /**
     * Axon's JDBC token store on the table and columns its JPA store created (V1: {@code token_entry}, snake_case
     * columns, the token as {@code bytea}, serialized by the same serializer), joining the processors' transactions
     * through Spring's {@link DataSourceUtils}. The JPA store wrote each batch's token with a JPQL update that
     * Hibernate translated to SQL again on every call (8 % of invoice-service's CPU samples at one client,
     * docs/benchmarks.md, "What profiling found", row 29); this one sends the same single {@code update} as a plain
     * prepared statement.
     * <p>
     * Owned under this instance's stable name (BILLSTREAM_INSTANCE_ID) where there is one: a restarted instance takes
     * its own segments back at once instead of waiting out their claim timeout, which can then be long enough for an
     * idle instance to renew its claims seldom. Without a name, Axon's default (process id and host) applies.
     */
    @Bean
    TokenStore tokenStore(Serializer serializer, DataSource dataSource,
                          @Value("${axon.eventhandling.tokenstore.claim-timeout:10s}") Duration claimTimeout,
                          @Value("${billstream.instance-id:}") String instanceId) {
        TokenSchema columns = TokenSchema.builder().setTokenTable("token_entry")
                .setProcessorNameColumn("processor_name").setSegmentColumn("segment").setTokenColumn("token")
                .setTokenTypeColumn("token_type").setTimestampColumn("timestamp").setOwnerColumn("owner").build();
        JdbcTokenStore.Builder builder = JdbcTokenStore.builder()
                .connectionProvider(new SpringDataSourceConnectionProvider(dataSource))
                .schema(columns).contentType(byte[].class).serializer(serializer).claimTimeout(claimTimeout);
        if (!instanceId.isBlank()) {
            builder.nodeId(instanceId);
        }
        return builder.build();
    }

    /**
     * Axon's event processing with each pooled processor's workers started at the end of its coordinator's run, so
     * that the events of one append are handled in one batch (RoundBatchingEventProcessingModule). A processor not
     * configured in application.yml keeps Axon's four worker threads.
     */
    @Bean
    EventProcessingModule eventProcessingModule(EventProcessorProperties properties) {
        return new RoundBatchingEventProcessingModule(name -> {
            EventProcessorProperties.ProcessorSettings settings = properties.getProcessors().get(name);
            return settings == null ? 4 : settings.getThreadCount();
        });
    }

    /**
     * How often an idle pooled processor renews each segment's claim (Axon's default is every 5 s: a transaction per
     * segment, twelve segments, most of an idle invoice-service's database traffic). It must stay well inside the
     * token store's claim timeout (axon.eventhandling.tokenstore.claim-timeout), after which another instance may
     * take the segment over; a processor that handles events renews its claim with every batch anyway.
     */
    @Bean
    ConfigurerModule invoiceProcessorClaimExtension(
            @Value("${billstream.invoice.processors.claim-extension-threshold:20s}") Duration threshold) {
        return configurer -> configurer.eventProcessing().registerPooledStreamingEventProcessorConfiguration(
                (config, builder) -> builder.claimExtensionThreshold(threshold.toMillis()));
    }

    /**
     * Neither processor may skip an event: a failed Kafka send or projection write stops the segment, which is
     * retried from its last token.
     */
    @Bean
    ConfigurerModule invoiceProcessorErrorHandling() {
        return configurer -> configurer.eventProcessing()
                .registerListenerInvocationErrorHandler(InvoiceIntegrationPublisher.NAME,
                        c -> PropagatingErrorHandler.instance())
                .registerListenerInvocationErrorHandler("invoice-view", c -> PropagatingErrorHandler.instance());
    }
}
