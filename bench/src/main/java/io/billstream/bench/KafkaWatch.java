package io.billstream.bench;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the stack's integration topics (its own consumer group, from the end) and notes when each event first
 * appears on Kafka, keyed {@code "<type>:<record key>"} — the record key is the invoice id on the invoice and payment
 * topics — so the end-to-end latency can be split at the Kafka hops.
 */
final class KafkaWatch implements AutoCloseable {

    private static final Pattern TYPE = Pattern.compile("\"type\"\\s*:\\s*\"([a-z_.]+)\"");

    private final Map<String, Long> firstSeen = new ConcurrentHashMap<>();
    private final Thread poller;
    private volatile boolean running = true;

    KafkaWatch(String bootstrap, List<String> topics) throws InterruptedException {
        Properties c = new Properties();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        c.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-watch-" + UUID.randomUUID());
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        c.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        c.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        CountDownLatch ready = new CountDownLatch(1);
        poller = Thread.ofPlatform().daemon().name("kafka-watch").start(() -> {
            try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(c)) {
                consumer.subscribe(topics);
                while (running) {
                    var records = consumer.poll(Duration.ofMillis(100));
                    long now = System.nanoTime();
                    for (ConsumerRecord<String, String> r : records) {
                        Matcher m = TYPE.matcher(r.value() == null ? "" : r.value());
                        if (r.key() != null && m.find()) {
                            firstSeen.putIfAbsent(m.group(1) + ":" + r.key(), now);
                        }
                    }
                    if (!consumer.assignment().isEmpty()) {
                        // position() forces the "latest" reset now, so nothing sent after this point is missed
                        consumer.assignment().forEach(consumer::position);
                        ready.countDown();
                    }
                }
            }
        });
        if (!ready.await(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the Kafka watcher got no partitions of " + topics + " within 60 s");
        }
    }

    Long seen(String type, String invoiceId) {
        return firstSeen.get(type + ":" + invoiceId);
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        poller.join(5000);
    }
}
