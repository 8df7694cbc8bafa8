package io.billstream.webhook.domain;

/** Port: tells this instance's delivery worker that messages became due, so they need not wait for its next poll. */
public interface DeliveryTrigger {

    /** The PostgreSQL notification channel on which committed messages are announced to the other instances. */
    String CHANNEL = "billstream_webhook_message";

    /** After the current transaction commits (at once when there is none); the other instances are told too. */
    void afterCommit();

    /**
     * The current transaction inserted messages: after it commits, this instance's worker looks at once. The
     * insert itself announced them to the other instances ({@link MessageStore#insertIfAbsent}), so no statement is
     * spent on telling them.
     */
    default void messagesInserted() {
        afterCommit();
    }
}
