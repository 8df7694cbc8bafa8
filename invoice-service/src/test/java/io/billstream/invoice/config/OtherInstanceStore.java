package io.billstream.invoice.config;

import io.billstream.invoice.invoicing.persistence.RecentStreams;
import org.axonframework.common.jpa.EntityManagerProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.eventsourcing.eventstore.jpa.JpaEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.springframework.context.ApplicationContext;

import javax.sql.DataSource;
import java.time.Duration;
import java.time.InstantSource;

/**
 * The event store as another instance of the service has it: the same database, and its own memory of streams; and
 * the JPA engine builder such a store starts from, for a test that makes one of its own.
 */
public final class OtherInstanceStore {

    private OtherInstanceStore() {
    }

    public static GapBoundedJpaEventStorageEngine of(ApplicationContext context, RecentStreams memory) {
        return new GapBoundedJpaEventStorageEngine(builder(context), context.getBean(DataSource.class), memory,
                Duration.ofSeconds(60), InstantSource.system());
    }

    /** Axon's JPA engine builder on the service's entity manager, transactions, serializer and upcasters. */
    static JpaEventStorageEngine.Builder builder(ApplicationContext context) {
        Serializer serializer = context.getBean("eventSerializer", Serializer.class);
        return JpaEventStorageEngine.builder()
                .entityManagerProvider(context.getBean(EntityManagerProvider.class))
                .transactionManager(context.getBean(TransactionManager.class))
                .upcasterChain(context.getBean(Configuration.class).upcasterChain())
                .eventSerializer(serializer).snapshotSerializer(serializer);
    }
}
