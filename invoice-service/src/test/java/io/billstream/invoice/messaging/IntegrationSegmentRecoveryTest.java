package io.billstream.invoice.messaging;

import io.billstream.testsupport.ServiceIntegrationTest;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.test.context.TestPropertySource;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A publisher segment parked the way Axon parks it after a failed batch (released, not to be claimed again for a
 * minute), with the real processor, token store and broker. The scheduled look is slowed down so that each test
 * decides when the recovery looks, and with which broker: the embedded one, or an address nothing listens on.
 */
@ServiceIntegrationTest
@TestPropertySource(properties = "billstream.invoice.integration-recovery-interval=1h")
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
            assertThat(recovery.recover(back)).containsExactly(SEGMENT);
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
