package io.billstream.webhook.domain;

/** Port: tells this instance's delivery worker that messages became due, so they need not wait for its next poll. */
public interface DeliveryTrigger {

    /** After the current transaction commits (at once when there is none). */
    void afterCommit();
}
