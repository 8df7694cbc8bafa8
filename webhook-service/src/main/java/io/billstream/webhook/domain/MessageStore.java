package io.billstream.webhook.domain;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Port: webhook messages and their attempt log, as the API reads and changes them. */
public interface MessageStore {

    /** A message and its place in insertion order (the list cursor). */
    record Row(long seq, Message message) {
    }

    /** An attempt and its place in the attempt log (the list cursor). */
    record AttemptRow(long seq, Attempt attempt) {
    }

    /**
     * A new pending message, due now; false when this (event, endpoint) pair already has one. The insert announces
     * itself on {@link DeliveryTrigger#CHANNEL}, delivered when the transaction commits.
     */
    boolean insertIfAbsent(String id, String tenantId, String endpointId, String eventId, String type, String payload);

    Optional<Message> find(String tenantId, String id);

    /** The endpoint's messages, newest first, strictly before {@code beforeSeq}; {@code status} optional. */
    List<Row> list(String tenantId, String endpointId, MessageStatus status, long beforeSeq, int limit);

    /** Re-queues one message for an attempt now; false when the tenant has no such message. */
    boolean retryNow(String tenantId, String id, int exhaustedStep);

    /** Every failed message of the endpoint created since {@code since} gets one more attempt now. */
    int recover(String tenantId, String endpointId, Instant since, int exhaustedStep);

    /** Newest first, strictly before {@code beforeSeq}. */
    List<AttemptRow> attempts(String messageId, long beforeSeq, int limit);
}
