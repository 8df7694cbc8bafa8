package io.billstream.webhook.domain;

import io.billstream.webhook.domain.MessageStatus;

import java.time.Instant;

/**
 * What became of one claimed message, and the state it moves to.
 *
 * @param attempted    false when no request was made (the endpoint's slots were full): no attempt is logged
 * @param nextStatus   pending (retry later), delivered or failed
 * @param scheduleStep retries of the schedule used after this outcome
 * @param delayMillis  when {@code nextStatus} is pending: how long from now until the next attempt
 * @param endpointGone the receiver answered 410: the endpoint gets disabled
 */
public record Outcome(ClaimedMessage message, boolean attempted, Instant attemptedAt, Integer responseStatus,
               long latencyMillis, String responseBody, String error, MessageStatus nextStatus, int scheduleStep,
               long delayMillis, boolean endpointGone) {

    public boolean succeeded() {
        return nextStatus == MessageStatus.DELIVERED;
    }

    public static Outcome notAttempted(ClaimedMessage message, long delayMillis) {
        return new Outcome(message, false, null, null, 0, null, null, MessageStatus.PENDING,
                message.scheduleStep(), delayMillis, false);
    }
}
