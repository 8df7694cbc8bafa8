package io.billstream.document.email.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Queued, sent and failed emails, and the reminders that will queue more. */
public interface EmailStore {

    /** Stores a new queued email; false when an email with the same dedup key exists for the invoice. */
    boolean insert(EmailRow row, String dedupKey, Instant nextAttemptAt);

    /** The trace the email was queued in (null when nothing was traced then). */
    String traceParent(String id);

    List<EmailRow> ofInvoice(String tenantId, String invoiceId);

    Optional<EmailRow> find(String id);

    /** Claims due emails for one sending attempt each, leased so no other instance takes them meanwhile. */
    List<EmailRow> claimDue(Instant now, Duration lease, int limit);

    /** This and the next two touch only a row still queued (not recorded by an instance whose lease ran out). */
    boolean markSent(String id, Instant sentAt);

    boolean retryAt(String id, Instant nextAttemptAt, String error);

    boolean markFailed(String id, String error);

    /** Emails not yet accepted by SMTP nor failed: waiting for their first attempt or retrying. */
    long queueDepth();

    Optional<Instant> nextDue();

    void scheduleReminder(String tenantId, String invoiceId, int offsetDays, Instant fireAt, Instant now);

    int cancelReminders(String tenantId, String invoiceId, Instant now);

    /** Due reminders, locked until the caller's transaction ends (skipped by other instances meanwhile). */
    List<Reminder> lockDueReminders(Instant now, int limit);

    void settleReminder(Reminder reminder, String status, String emailId, Instant now);

    record Reminder(String tenantId, String invoiceId, int offsetDays) {
    }
}
