package io.billstream.invoice.invoicing.messaging;

import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Brings the publisher's segments back as soon as Kafka answers again after an outage.
 * <p>
 * Every batch that fails on a send makes Axon's pooled coordinator leave its segment unclaimed for a back-off that
 * doubles up to 60 s (hard-coded in Axon 4.13), and another instance does not share that back-off. After a minute
 * without a broker, the invoice events written meanwhile reached Kafka up to a minute after it was back, so
 * payment-service answered 404 for invoices issued during the outage. This looks for segments that no instance
 * processes; if Kafka was seen unreachable while they waited and now answers, it claims them at once (Axon's
 * {@code claimSegment} lifts the back-off). A segment parked for any other reason (a failing projection, a bad
 * event) keeps Axon's back-off: without a broker outage there is nothing to hurry.
 */
@Component
class IntegrationSegmentRecovery implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(IntegrationSegmentRecovery.class);

    private final EventProcessingConfiguration processing;
    private final TokenStore tokenStore;
    private final TransactionManager transactions;
    private final KafkaBrokerProbe broker;
    private boolean brokerSeenDown;

    IntegrationSegmentRecovery(EventProcessingConfiguration processing, TokenStore tokenStore,
                               TransactionManager transactions, KafkaAdmin kafkaAdmin) {
        this.processing = processing;
        this.tokenStore = tokenStore;
        this.transactions = transactions;
        this.broker = new KafkaBrokerProbe(kafkaAdmin.getConfigurationProperties());
    }

    @Scheduled(fixedDelayString = "${billstream.invoice.integration-recovery-interval:1s}")
    void recover() {
        recover(broker);
    }

    /** One look; returns the segments it claimed. */
    synchronized List<Integer> recover(KafkaBrokerProbe probe) {
        StreamingEventProcessor processor = processing
                .eventProcessor(InvoiceIntegrationPublisher.NAME, StreamingEventProcessor.class).orElse(null);
        if (processor == null || !processor.isRunning()) {
            return List.of();
        }
        List<Integer> idle = idleSegments(processor);
        if (idle.isEmpty()) {
            brokerSeenDown = false;
            return List.of();
        }
        if (!probe.answers()) {
            brokerSeenDown = true;
            return List.of();
        }
        if (!brokerSeenDown) {
            return List.of();
        }
        log.info("Kafka answers again: claiming the idle {} segments {} now instead of after Axon's back-off",
                InvoiceIntegrationPublisher.NAME, idle);
        idle.forEach(processor::claimSegment);
        brokerSeenDown = false;
        return idle;
    }

    /** Segments this instance could claim (nobody holds them, or their claim has lapsed) and does not process. */
    private List<Integer> idleSegments(StreamingEventProcessor processor) {
        Map<Integer, EventTrackerStatus> status = processor.processingStatus();
        if (coversEverything(status)) {
            // this instance processes every segment (a single instance, normally): nothing can be idle, and an
            // idle stack is spared a token-store query a second
            return List.of();
        }
        Set<Integer> processedHere = status.keySet();
        List<Segment> available = transactions.fetchInTransaction(
                () -> tokenStore.fetchAvailableSegments(InvoiceIntegrationPublisher.NAME));
        return available.stream().map(Segment::getSegmentId).filter(id -> !processedHere.contains(id)).toList();
    }

    /** Whether the segments processed here add up to the whole (a segment of mask m is 1/(m+1) of it). */
    static boolean coversEverything(Map<Integer, EventTrackerStatus> status) {
        double covered = 0;
        for (EventTrackerStatus segment : status.values()) {
            if (segment.isErrorState()) {
                return false;
            }
            covered += 1.0 / (segment.getSegment().getMask() + 1L);
        }
        return covered > 0.999_999;
    }

    @Override
    public void destroy() {
        broker.close();
    }
}
