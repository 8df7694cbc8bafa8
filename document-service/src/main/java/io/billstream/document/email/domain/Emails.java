package io.billstream.document.email.domain;

import io.billstream.document.email.EmailProperties;
import io.billstream.document.email.api.SendInvoice;

import io.billstream.platform.errors.ErrorCode;

import com.fasterxml.jackson.databind.JsonNode;
import io.billstream.document.documents.domain.InvoiceEventObserver;
import io.billstream.document.documents.domain.InvoiceJson;
import io.billstream.document.documents.domain.InvoiceSnapshots;
import io.billstream.document.documents.domain.SnapshotRow;
import io.billstream.platform.concurrency.BoundedWait;
import io.billstream.platform.events.EventTypes;
import io.billstream.platform.events.IntegrationEvent;
import io.billstream.platform.events.data.EmailSettingsData;
import io.billstream.platform.events.data.InvoiceData;
import io.billstream.platform.ids.Ids;
import io.billstream.platform.security.Caller;
import io.billstream.platform.security.SeenVersion;
import io.billstream.platform.security.SeenVersionArrival;
import io.billstream.platform.transaction.AfterCommit;
import io.billstream.platform.errors.DomainException;
import io.billstream.platform.errors.FieldViolation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Decides which emails exist: on request, on issue, reminders at offsets from the due date, receipts.
 * Every email is a row written before anything is sent; the {@code EmailWorker} sends it. Automatic emails are
 * created in the transaction that marks the invoice event processed, so a redelivered event creates none.
 */
@Service
public class Emails implements InvoiceEventObserver, SeenVersionArrival {

    static final int MAX_MESSAGE = 10_000;
    static final int MAX_SUBJECT = 200;
    private static final Set<String> CLOSED = Set.of("paid", "void", "uncollectible");
    private static final Duration RETRY_AFTER = Duration.ofSeconds(1);
    private static final Logger log = LoggerFactory.getLogger(Emails.class);

    private final EmailStore store;
    private final InvoiceSnapshots snapshots;
    private final InvoiceJson json;
    private final EmailComposer composer;
    private final EmailProperties properties;
    private final EmailSignal signal;
    private final Clock clock;
    private final TransactionTemplate tx;

    public Emails(EmailStore store, InvoiceSnapshots snapshots, InvoiceJson json, EmailComposer composer,
                  EmailProperties properties, EmailSignal signal, Clock clock, TransactionTemplate tx) {
        this.store = store;
        this.snapshots = snapshots;
        this.json = json;
        this.composer = composer;
        this.properties = properties;
        this.signal = signal;
        this.clock = clock;
        this.tx = tx;
    }

    /**
     * POST /v1/invoices/{id}/send: validates, stores the email as queued and wakes the worker.
     *
     * @param seenVersion a version of the invoice the caller has already been answered with (the gateway signs it
     *                    into the request: docs/document-service.md, "Sending right after a change"), 0 if none
     *                    known. This service learns of invoices only from their events, so a send right after an
     *                    issue may find the draft, or nothing; it waits, bounded and holding no connection, until
     *                    the version seen has arrived, and answers 503 with Retry-After if it does not in time.
     */
    public EmailRow request(Caller caller, String invoiceId, SendInvoice body, long seenVersion) {
        SendInvoice request = body == null ? new SendInvoice(null, null, null, null) : body;
        List<FieldViolation> errors = new ArrayList<>();
        errors.addAll(EmailAddresses.check("to", request.to()));
        errors.addAll(EmailAddresses.check("cc", request.cc()));
        int recipients = size(request.to()) + size(request.cc());
        if (recipients > EmailAddresses.MAX_RECIPIENTS) {
            errors.add(new FieldViolation("to", "at most " + EmailAddresses.MAX_RECIPIENTS
                    + " addresses in to and cc together, got " + recipients));
        }
        if (request.subject() != null) {
            if (request.subject().isBlank() || request.subject().length() > MAX_SUBJECT) {
                errors.add(new FieldViolation("subject", "must be 1 to " + MAX_SUBJECT + " characters"));
            } else if (EmailAddresses.hasControlCharacter(request.subject())) {
                errors.add(new FieldViolation("subject", "must not contain line breaks or other control characters"));
            }
        }
        if (request.message() != null) {
            if (request.message().length() > MAX_MESSAGE) {
                errors.add(new FieldViolation("message", "must be at most " + MAX_MESSAGE + " characters"));
            } else if (request.message().chars().anyMatch(Emails::forbiddenInMessage)) {
                errors.add(new FieldViolation("message", "must not contain control characters other than line "
                        + "breaks and tabs"));
            }
        }
        if (!errors.isEmpty()) {
            throw DomainException.validation(errors);
        }
        if (seenVersion > 0) {
            awaitVersion(caller.tenant(), invoiceId, seenVersion);
        }
        return tx.execute(status -> queue(caller, invoiceId, request));
    }

    private EmailRow queue(Caller caller, String invoiceId, SendInvoice request) {
        SnapshotRow snapshot = snapshots.find(caller.tenant(), invoiceId)
                .orElseThrow(() -> DomainException.notFound("Invoice"));
        if ("draft".equals(snapshot.status())) {
            throw DomainException.of(ErrorCode.INVOICE_IS_DRAFT, "A draft invoice cannot be sent; issue it first.");
        }
        InvoiceData invoice = json.invoice(snapshot.data());
        List<String> to = request.to() == null || request.to().isEmpty() ? customerEmail(invoice) : trimmed(request.to());
        if (to.isEmpty()) {
            throw new DomainException(ErrorCode.NO_RECIPIENT,
                    "The customer has no email address; give one in \"to\".");
        }
        if (to.size() + size(request.cc()) > EmailAddresses.MAX_RECIPIENTS) {
            throw DomainException.validation("cc", "at most " + EmailAddresses.MAX_RECIPIENTS + " addresses in all");
        }
        String subject = request.subject() != null ? request.subject().strip()
                : EmailComposer.subject(EmailKind.INVOICE, invoice);
        String message = request.message() == null ? null : request.message().replace("\r\n", "\n");
        EmailRow row = newEmail(caller.tenant(), invoiceId, EmailKind.INVOICE, to,
                request.cc() == null ? List.of() : trimmed(request.cc()), subject, message);
        store.insert(row, null, row.createdAt());
        wakeWorkerAfterCommit();
        return row;
    }

    /**
     * A send with an Idempotency-Key runs its handler inside the key's transaction, so the platform's
     * {@code SeenVersionWaitFilter} waits here first, before that transaction opens and holding no connection.
     */
    @Override
    public void await(Caller caller, SeenVersion seen) {
        awaitVersion(caller.tenant(), seen.id(), seen.version());
    }

    /** Returns once the invoice's snapshot is at {@code version} or newer; 503 when the wait runs out first. */
    private void awaitVersion(String tenant, String invoiceId, long version) {
        long arrived = BoundedWait.until(() -> snapshots.find(tenant, invoiceId).map(SnapshotRow::invoiceVersion)
                .orElse(0L), v -> v >= version, properties.invoiceWait(), properties.invoicePoll(), clock);
        if (arrived < version) {
            throw SeenVersionArrival.notYet(invoiceId, version, "documents", RETRY_AFTER);
        }
    }

    @Transactional(readOnly = true)
    public List<EmailRow> list(Caller caller, String invoiceId) {
        if (snapshots.find(caller.tenant(), invoiceId).isEmpty()) {
            throw DomainException.notFound("Invoice");
        }
        return store.ofInvoice(caller.tenant(), invoiceId);
    }

    /**
     * Called for every processed invoice event, in its transaction. {@code sendOnIssue} is set by recurring
     * schedules on the invoices they generate; a producer that does not know it leaves it out (= false).
     */
    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public void onInvoiceEvent(IntegrationEvent event, InvoiceData invoice) {
        String tenant = event.tenantId();
        EmailSettingsData settings = invoice.emailSettings() == null ? EmailSettingsData.NONE : invoice.emailSettings();
        Instant now = clock.instant();
        switch (event.type()) {
            case EventTypes.INVOICE_ISSUED -> {
                if (settings.sendInvoicesOnIssue() || invoice.sendOnIssue() || sendOnIssue(event.data())) {
                    automatic(tenant, invoice, EmailKind.INVOICE, "issue");
                }
                scheduleReminders(tenant, invoice, settings, now);
            }
            case EventTypes.INVOICE_PAID -> {
                store.cancelReminders(tenant, invoice.id(), now);
                if (settings.sendReceipts()) {
                    // Per version: a refund can reopen an invoice that is later paid again, which earns a new receipt.
                    automatic(tenant, invoice, EmailKind.RECEIPT, "receipt:v" + invoice.version());
                }
            }
            case EventTypes.INVOICE_VOIDED, EventTypes.INVOICE_MARKED_UNCOLLECTIBLE ->
                    store.cancelReminders(tenant, invoice.id(), now);
            default -> {
            }
        }
    }

    /**
     * Turns due reminders into queued emails, in one transaction that holds the reminder rows' locks, so each
     * (invoice, offset) yields one email even with several instances. The invoice's current snapshot decides: a
     * paid, void or uncollectible invoice gets none.
     */
    @Transactional
    public int fireDueReminders(int limit) {
        Instant now = clock.instant();
        List<EmailStore.Reminder> due = store.lockDueReminders(now, limit);
        for (EmailStore.Reminder reminder : due) {
            Optional<SnapshotRow> snapshot = snapshots.find(reminder.tenantId(), reminder.invoiceId());
            if (snapshot.isEmpty() || CLOSED.contains(snapshot.get().status())) {
                store.settleReminder(reminder, "cancelled", null, now);
                continue;
            }
            InvoiceData invoice = json.invoice(snapshot.get().data());
            Optional<EmailRow> email = automatic(reminder.tenantId(), invoice, EmailKind.REMINDER,
                    "reminder:" + reminder.offsetDays());
            store.settleReminder(reminder, email.isPresent() ? "queued" : "skipped",
                    email.map(EmailRow::id).orElse(null), now);
        }
        return due.size();
    }

    private void scheduleReminders(String tenant, InvoiceData invoice, EmailSettingsData settings, Instant now) {
        if (invoice.dueDate() == null || CLOSED.contains(invoice.status())) {
            return;
        }
        LocalDate issued = invoice.issueDate() == null ? invoice.dueDate() : invoice.issueDate();
        boolean scheduled = false;
        for (Integer offset : settings.reminderOffsetsDays()) {
            if (offset == null || invoice.dueDate().plusDays(offset).isBefore(issued)) {
                // A reminder before the invoice existed (e.g. 3 days before a due date 1 day after issue) is moot.
                continue;
            }
            Instant fireAt = invoice.dueDate().plusDays(offset).atTime(properties.reminderHourUtc(), 0).toInstant(ZoneOffset.UTC);
            store.scheduleReminder(tenant, invoice.id(), offset, fireAt, now);
            scheduled = true;
        }
        if (scheduled) {
            // Only then: waking the worker for every issued invoice cost two queries each when no reminder was set.
            wakeWorkerAfterCommit();
        }
    }

    private Optional<EmailRow> automatic(String tenant, InvoiceData invoice, EmailKind kind, String dedupKey) {
        List<String> to = customerEmail(invoice);
        if (to.isEmpty()) {
            log.info("no {} email for invoice {} of {}: the customer has no valid email address", kind.wire(),
                    invoice.id(), tenant);
            return Optional.empty();
        }
        EmailRow row = newEmail(tenant, invoice.id(), kind, to, List.of(), EmailComposer.subject(kind, invoice), null);
        if (!store.insert(row, dedupKey, row.createdAt())) {
            return Optional.empty();
        }
        wakeWorkerAfterCommit();
        return Optional.of(row);
    }

    private EmailRow newEmail(String tenant, String invoiceId, EmailKind kind, List<String> to, List<String> cc,
                              String subject, String message) {
        String id = Ids.newId("eml");
        return new EmailRow(id, tenant, invoiceId, kind, List.copyOf(to), List.copyOf(cc), subject, message,
                composer.messageId(id), EmailRow.QUEUED, 0, null, null, clock.instant());
    }

    private static List<String> customerEmail(InvoiceData invoice) {
        String email = invoice.customer() == null ? null : invoice.customer().email();
        return email == null || EmailAddresses.problem(email.strip()).isPresent() ? List.of() : List.of(email.strip());
    }

    private static boolean sendOnIssue(JsonNode data) {
        return data != null && data.path("sendOnIssue").asBoolean(false);
    }

    private static boolean forbiddenInMessage(int c) {
        return (Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t') || c == 0x2028 || c == 0x2029;
    }

    private static List<String> trimmed(List<String> values) {
        return values.stream().map(String::strip).toList();
    }

    private static int size(List<String> values) {
        return values == null ? 0 : values.size();
    }

    private void wakeWorkerAfterCommit() {
        AfterCommit.run(signal::wakeUp);
    }
}
