package io.billstream.platform.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.billstream.platform.events.Topics;
import io.billstream.platform.messaging.DatabaseOutages;
import io.billstream.platform.messaging.DeadLetterMetrics;
import io.billstream.platform.messaging.IntegrationEventCodec;
import io.billstream.platform.messaging.IntegrationEventPublisher;
import io.billstream.platform.messaging.ProcessedEvents;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.TopicPartition;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.kafka.DefaultKafkaConsumerFactoryCustomizer;
import org.springframework.boot.autoconfigure.kafka.KafkaAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.FixedBackOff;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Kafka as every service uses it: the docs/api-reference.md §9 topics (and their dead-letter twins), string records carrying
 * CloudEvents JSON, a listener error handler that retries a few times and then parks the record on
 * {@code <topic>.dlt} (counted), so one bad record never blocks its partition — except while the database is
 * unreachable: then the record is held and retried until it is back, because dead-lettering would lose it.
 */
@AutoConfiguration(after = KafkaAutoConfiguration.class)
@EnableConfigurationProperties(PlatformProperties.class)
public class PlatformKafkaAutoConfiguration {

    @Bean
    IntegrationEventCodec integrationEventCodec(ObjectMapper mapper) {
        return new IntegrationEventCodec(mapper);
    }

    @Bean
    IntegrationEventPublisher integrationEventPublisher(KafkaTemplate<String, String> kafka,
                                                       IntegrationEventCodec codec, PlatformProperties properties) {
        return new IntegrationEventPublisher(kafka, codec, properties.kafka().sendTimeout());
    }

    @Bean
    ProcessedEvents processedEvents(JdbcTemplate jdbc) {
        return new ProcessedEvents(jdbc);
    }

    @Bean
    DeadLetterMetrics deadLetterMetrics(MeterRegistry registry) {
        return new DeadLetterMetrics(registry);
    }

    /**
     * Static group membership (KIP-345) where the deployment names each instance (the launcher sets
     * BILLSTREAM_INSTANCE_ID): an instance restarted after a crash takes its partitions back at once, instead of
     * the group waiting out the dead member's session and rebalancing. Until then nobody consumes those partitions,
     * and payment-service would answer a false 404 for an invoice issued meanwhile.
     */
    @Bean
    @ConditionalOnProperty("billstream.instance-id")
    DefaultKafkaConsumerFactoryCustomizer staticGroupMembership(@Value("${billstream.instance-id}") String instanceId) {
        return factory -> factory.updateConfigs(Map.of(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, instanceId));
    }

    @Bean
    KafkaAdmin.NewTopics billstreamTopics(PlatformProperties properties) {
        List<NewTopic> topics = new ArrayList<>();
        for (String topic : Topics.ALL) {
            topics.add(TopicBuilder.name(topic).partitions(properties.kafka().partitions()).replicas(1).build());
            topics.add(TopicBuilder.name(Topics.deadLetter(topic)).partitions(1).replicas(1).build());
        }
        return new KafkaAdmin.NewTopics(topics.toArray(NewTopic[]::new));
    }

    @Bean
    CommonErrorHandler billstreamKafkaErrorHandler(KafkaTemplate<String, String> kafka, DeadLetterMetrics metrics,
                                                   PlatformProperties properties) {
        DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(kafka, (record, exception) -> {
            metrics.deadLettered(record.topic());
            return new TopicPartition(Topics.deadLetter(record.topic()), 0);
        });
        PlatformProperties.Kafka settings = properties.kafka();
        DefaultErrorHandler handler = new DefaultErrorHandler(recoverer,
                new FixedBackOff(settings.retryBackoff().toMillis(), settings.maxAttempts() - 1L));
        handler.addNotRetryableExceptions(IntegrationEventCodec.MalformedEventException.class);
        handler.setBackOffFunction((record, exception) ->
                DatabaseOutages.isOutage(exception) ? DatabaseOutages.untilBack() : null);
        return handler;
    }
}
