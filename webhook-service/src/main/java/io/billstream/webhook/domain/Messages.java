package io.billstream.webhook.domain;

import io.billstream.platform.errors.DomainException;
import io.billstream.platform.paging.Page;
import io.billstream.platform.paging.PageLimit;
import io.billstream.platform.paging.SequenceCursor;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The message use cases: read one, its attempt log, and retry it now; every read and write is scoped to the tenant. */
@Service
public class Messages {

    private final MessageStore messages;
    private final RetryPolicy retryPolicy;
    private final DeliveryTrigger trigger;

    public Messages(MessageStore messages, RetryPolicy retryPolicy, DeliveryTrigger trigger) {
        this.messages = messages;
        this.retryPolicy = retryPolicy;
        this.trigger = trigger;
    }

    public Message get(String tenantId, String id) {
        return messages.find(tenantId, id).orElseThrow(() -> DomainException.notFound("Webhook message"));
    }

    /** Newest first. */
    public Page<Attempt> attempts(String tenantId, String id, int limit, String cursor) {
        PageLimit.check(limit);
        get(tenantId, id);
        return Page.of(messages.attempts(id, SequenceCursor.decode(cursor), Page.fetchSize(limit)), limit,
                MessageStore.AttemptRow::attempt, row -> SequenceCursor.encode(row.seq()));
    }

    /**
     * An attempt now, with the same id (so the same webhook-id): a failed message gets one more attempt, a pending
     * one keeps its remaining schedule, a delivered one is sent once more.
     */
    @Transactional
    public Message retry(String tenantId, String id) {
        if (!messages.retryNow(tenantId, id, retryPolicy.exhaustedStep())) {
            throw DomainException.notFound("Webhook message");
        }
        trigger.afterCommit();
        return get(tenantId, id);
    }
}
