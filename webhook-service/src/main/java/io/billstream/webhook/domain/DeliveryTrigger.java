package io.billstream.webhook.domain;

/** Port: tells this instance's delivery worker that messages became due, so they need not wait for its next poll. */
public interface DeliveryTrigger {

    /** After the current transaction commits (at once when there is none); the other instances are told too. */
    void afterCommit();

    /**
     * The current transaction inserted messages: after it commits, this instance's worker looks at once. The
     * insert itself announces them to the other instances (webhook-service migration V90), so no statement is
     * spent on telling them.
     */
    default void messagesInserted() {
        afterCommit();
    }
}
