package io.billstream.platform.config;

import io.billstream.platform.messaging.DatabaseNotifications;
import io.billstream.platform.messaging.IntegrationEventCodec;
import io.billstream.platform.messaging.IntegrationEventPublisher;
import io.billstream.platform.observability.TraceContexts;
import io.billstream.platform.outbox.OutboxRelay;
import io.billstream.platform.outbox.OutboxWriter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/** The transactional outbox, for services whose durable log is not an event store (payments, documents). */
@AutoConfiguration(after = {PlatformKafkaAutoConfiguration.class, PlatformObservabilityAutoConfiguration.class,
        DatabaseNotificationsAutoConfiguration.class})
@ConditionalOnProperty(name = "billstream.outbox.enabled", havingValue = "true", matchIfMissing = true)
public class OutboxAutoConfiguration {

    @Bean
    OutboxRelay outboxRelay(JdbcTemplate jdbc, TransactionTemplate tx, IntegrationEventPublisher publisher,
                            PlatformProperties properties, MeterRegistry registry, TraceContexts traces,
                            ObjectProvider<DatabaseNotifications> notifications) {
        OutboxRelay relay = new OutboxRelay(jdbc, tx, publisher, properties.outbox().pollInterval(),
                properties.outbox().batchSize(), registry, traces);
        notifications.ifAvailable(n -> n.listen(OutboxRelay.CHANNEL, relay::wakeUp));
        return relay;
    }

    @Bean
    OutboxWriter outboxWriter(JdbcTemplate jdbc, IntegrationEventCodec codec, OutboxRelay relay,
                              TraceContexts traces, ObjectProvider<DatabaseNotifications> notifications) {
        DatabaseNotifications listener = notifications.getIfAvailable();
        return new OutboxWriter(jdbc, codec, relay, traces, listener == null ? null : listener.self());
    }
}
