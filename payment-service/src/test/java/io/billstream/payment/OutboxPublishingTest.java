package io.billstream.payment;

import io.billstream.payment.support.HttpResult;
import io.billstream.payment.support.InvoiceEvents;
import io.billstream.platform.messaging.IntegrationEventPublisher;
import io.billstream.platform.outbox.OutboxRelay;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * A payment committed while Kafka cannot be reached is kept in the outbox and published once Kafka is back.
 * The service's relay is stopped (as when a broker outage stalls it); a relay wired to an address where no broker
 * listens fails to publish and leaves the row in place; the service's relay, started again, publishes it once.
 */
class OutboxPublishingTest extends PaymentIntegrationTest {

    @Autowired
    OutboxRelay relay;
    @Autowired
    TransactionTemplate tx;

    @Test
    void aPaymentRecordedWhileTheBrokerIsUnreachableIsPublishedWhenItReturns() throws Exception {
        String tenant = newTenant();
        InvoiceEvents.Invoice invoice = invoices.issued(tenant, "USD", "100.00");
        awaitLedger(invoice);

        relay.stop();
        String paymentId;
        try {
            HttpResult paid = api.pay(tenant, invoice.id, "25.00", "USD");
            assertThat(paid.status()).isEqualTo(201);
            paymentId = paid.text("id");
            assertThat(outboxRows(paymentId)).isEqualTo(1);

            DefaultKafkaProducerFactory<String, String> deadBroker = new DefaultKafkaProducerFactory<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + unusedPort(),
                    ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                    ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                    ProducerConfig.MAX_BLOCK_MS_CONFIG, 500));
            try {
                OutboxRelay unreachable = new OutboxRelay(jdbc, tx, new IntegrationEventPublisher(
                        new KafkaTemplate<>(deadBroker), codec, Duration.ofSeconds(1)), Duration.ofMillis(100), 10,
                        new SimpleMeterRegistry());
                assertThatThrownBy(unreachable::publishBatch).isInstanceOf(RuntimeException.class);
            } finally {
                deadBroker.destroy();
            }
            assertThat(outboxRows(paymentId)).isEqualTo(1);
        } finally {
            relay.start();
        }

        assertThat(kafka.await(r -> r.value().contains(paymentId), 1, KAFKA_WAIT)).hasSize(1);
        await().atMost(KAFKA_WAIT).until(() -> outboxRows(paymentId) == 0);
        assertThat(kafka.seen().stream().filter(r -> r.value().contains(paymentId))).hasSize(1);
    }

    private int outboxRows(String paymentId) {
        return jdbc.queryForObject("select count(*) from outbox_event where payload like ?", Integer.class,
                "%" + paymentId + "%");
    }

    private static int unusedPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
