package io.billstream.platform.config;

import io.billstream.platform.memory.IdleHeapCompaction;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

import java.time.Duration;

/**
 * A full collection once a service has gone quiet after a burst (billstream.memory.idle-compaction.enabled, default
 * on; .period, default a minute), where the JVM's collector would otherwise keep the grown heap: the serial and the
 * parallel collector; the others give memory back by themselves.
 */
@AutoConfiguration
@ConditionalOnProperty(name = "billstream.memory.idle-compaction.enabled", havingValue = "true", matchIfMissing = true)
@Conditional(IdleHeapCompactionAutoConfiguration.CollectorKeepsGrownHeap.class)
public class IdleHeapCompactionAutoConfiguration {

    @Bean
    IdleHeapCompaction idleHeapCompaction(Environment environment) {
        return IdleHeapCompaction.ofThisJvm(environment.getProperty("billstream.memory.idle-compaction.period",
                Duration.class, Duration.ofMinutes(1)));
    }

    static final class CollectorKeepsGrownHeap implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return IdleHeapCompaction.collectorKeepsGrownHeap();
        }
    }
}
