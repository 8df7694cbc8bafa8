package io.billstream.platform.observability;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextRefreshedEvent;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

import java.util.HashMap;
import java.util.Map;

/**
 * {@value BillstreamMetrics#KAFKA_CONSUMER_LAG} per consumer group and topic: the records this instance's
 * consumers have not read yet on the partitions they own, from the Kafka client's own {@code records-lag}. One
 * gauge per listener and topic, present from start-up (0 until the first fetch), so an alert and a dashboard see
 * every consumer of every service under one name; summed over instances it is the group's lag.
 */
public class KafkaConsumerLagMetrics implements ApplicationListener<ContextRefreshedEvent> {

    private static final String FETCH_GROUP = "consumer-fetch-manager-metrics";

    private final ObjectProvider<KafkaListenerEndpointRegistry> listeners;
    private final MeterRegistry meters;

    public KafkaConsumerLagMetrics(ObjectProvider<KafkaListenerEndpointRegistry> listeners, MeterRegistry meters) {
        this.listeners = listeners;
        this.meters = meters;
    }

    @Override
    public void onApplicationEvent(ContextRefreshedEvent event) {
        KafkaListenerEndpointRegistry registry = listeners.getIfAvailable();
        if (registry == null) {
            return;
        }
        for (MessageListenerContainer container : registry.getListenerContainers()) {
            String[] topics = container.getContainerProperties().getTopics();
            if (topics == null) {
                continue;
            }
            String group = container.getGroupId() == null ? container.getListenerId() : container.getGroupId();
            for (String topic : topics) {
                Gauge.builder(BillstreamMetrics.KAFKA_CONSUMER_LAG, container, c -> lag(c, topic))
                        .description("Records not yet consumed on the partitions this instance owns")
                        .baseUnit("records")
                        .tag("group", group)
                        .tag("topic", topic)
                        .register(meters);
            }
        }
    }

    static double lag(MessageListenerContainer container, String topic) {
        // per partition, the highest figure: the client may report a topic both as named and with '.' as '_'
        Map<String, Double> byPartition = new HashMap<>();
        for (Map<MetricName, ? extends Metric> metrics : container.metrics().values()) {
            metrics.forEach((name, metric) -> {
                String metricTopic = name.tags().get("topic");
                String partition = name.tags().get("partition");
                if (!"records-lag".equals(name.name()) || !FETCH_GROUP.equals(name.group()) || partition == null
                        || metricTopic == null || !(metricTopic.equals(topic)
                        || metricTopic.equals(topic.replace('.', '_')))) {
                    return;
                }
                if (metric.metricValue() instanceof Number value && Double.isFinite(value.doubleValue())) {
                    byPartition.merge(partition, value.doubleValue(), Math::max);
                }
            });
        }
        return byPartition.values().stream().mapToDouble(Double::doubleValue).sum();
    }
}
