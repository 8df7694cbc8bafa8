package io.billstream.invoice.invoicing.messaging;

import io.billstream.testsupport.ServiceIntegrationTest;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.core.KafkaAdmin;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A publisher segment parked the way Axon parks it after a failed batch (released, not to be claimed again for a
 * minute), with the real processor, token store and broker. The tests look with a broker address nothing listens on
 * or with the embedded broker; the scheduled look (every second, the embedded broker) runs alongside, as in
 * production. The shared context is kept on purpose: a context of its own would start a second embedded broker,
 * which moves the {@code spring.kafka.bootstrap-servers} system property that the other tests' probes read.
 */
@ServiceIntegrationTest
class IntegrationSegmentRecoveryTest {

    private static final int SEGMENT = 0;

    @Autowired
    IntegrationSegmentRecovery recovery;
    @Autowired
    EventProcessingConfiguration processing;
    @Autowired
    KafkaAdmin kafkaAdmin;

    @BeforeEach
    void parkOneSegment() {
        publisher().claimSegment(SEGMENT);
        await("segment processed here").atMost(Duration.ofSeconds(30))
                .until(() -> publisher().processingStatus().containsKey(SEGMENT));
        publisher().releaseSegment(SEGMENT, 60, TimeUnit.SECONDS);
        await("segment parked").atMost(Duration.ofSeconds(30))
                .until(() -> !publisher().processingStatus().containsKey(SEGMENT));
    }

    @AfterEach
    void unpark() {
        publisher().claimSegment(SEGMENT);
    }

    @Test
    void claimsAParkedSegmentAsSoonAsTheBrokerAnswersAgain() throws IOException {
        try (KafkaBrokerProbe away = new KafkaBrokerProbe(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + closedPort()))) {
            assertThat(recovery.recover(away)).as("nothing to claim while the broker is away").isEmpty();
        }
        try (KafkaBrokerProbe back = new KafkaBrokerProbe(kafkaAdmin.getConfigurationProperties())) {
            // this look or the scheduled one, whichever comes first, claims it
            recovery.recover(back);
        }
        await("segment processed again, well before Axon's minute").atMost(Duration.ofSeconds(10))
                .until(() -> publisher().processingStatus().containsKey(SEGMENT));
    }

    @Test
    void leavesAParkedSegmentToAxonWhenTheBrokerWasNeverAway() {
        try (KafkaBrokerProbe up = new KafkaBrokerProbe(kafkaAdmin.getConfigurationProperties())) {
            assertThat(recovery.recover(up)).isEmpty();
            assertThat(recovery.recover(up)).isEmpty();
        }
        // the scheduled look, with the same broker, must not claim it either
        await("still parked").during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
                .until(() -> !publisher().processingStatus().containsKey(SEGMENT));
    }

    private StreamingEventProcessor publisher() {
        return processing.eventProcessor(InvoiceIntegrationPublisher.NAME, StreamingEventProcessor.class)
                .orElseThrow();
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
