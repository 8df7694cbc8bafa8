package io.billstream.document.email.messaging;

import io.billstream.document.email.EmailProperties;
import io.billstream.document.email.domain.EmailComposer;
import io.billstream.document.email.domain.EmailRow;
import io.billstream.document.email.domain.EmailSignal;
import io.billstream.document.email.domain.EmailStore;
import io.billstream.document.email.domain.Emails;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.billstream.document.documents.domain.InvoiceDocuments;
import io.billstream.document.documents.domain.InvoiceJson;
import io.billstream.document.documents.domain.StoredPdf;
import io.billstream.document.documents.domain.InvoiceSnapshots;
import io.billstream.document.documents.domain.SnapshotRow;
import io.billstream.platform.events.EventIds;
import io.billstream.platform.events.EventTypes;
import io.billstream.platform.events.IntegrationEvent;
import io.billstream.platform.observability.TraceContexts;
import io.billstream.platform.outbox.OutboxWriter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.mail.internet.MimeMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Sends queued emails at least once. Each round fires due reminders, claims due emails with a lease
 * ({@link EmailStore#claimDue}: FOR UPDATE SKIP LOCKED, so instances never attempt the same email at once), sends
 * them through {@link JavaMailSender} outside any transaction, and records each outcome in a transaction of its own
 * together with its event: sent → {@code invoice.sent}; 5xx or retries exhausted → failed and {@code email.failed};
 * otherwise the next attempt after the configured back-off. Only a crash between SMTP's acceptance and that record
 * can send an email twice (at least once, as the API contract asks); a redelivered Kafka event or a second instance cannot.
 */
@Component
public class EmailWorker implements SmartLifecycle {

    private static final Duration RETRY_AFTER_FAILURE = Duration.ofSeconds(1);

    static final String SOURCE = "billstream/document-service";
    private static final Logger log = LoggerFactory.getLogger(EmailWorker.class);

    private final EmailStore store;
    private final Emails emails;
    private final EmailComposer composer;
    private final InvoiceDocuments documents;
    private final InvoiceSnapshots snapshots;
    private final InvoiceJson json;
    private final JavaMailSender sender;
    private final OutboxWriter outbox;
    private final TransactionTemplate tx;
    private final EmailProperties properties;
    private final EmailSignal signal;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final MeterRegistry registry;
    private final TraceContexts traces;
    private volatile boolean running;
    private Thread thread;

    public EmailWorker(EmailStore store, Emails emails, EmailComposer composer, InvoiceDocuments documents,
                       InvoiceSnapshots snapshots, InvoiceJson json, JavaMailSender sender, OutboxWriter outbox,
                       TransactionTemplate tx, EmailProperties properties, EmailSignal signal, ObjectMapper mapper,
                       Clock clock, MeterRegistry registry, TraceContexts traces) {
        this.store = store;
        this.emails = emails;
        this.composer = composer;
        this.documents = documents;
        this.snapshots = snapshots;
        this.json = json;
        this.sender = sender;
        this.outbox = outbox;
        this.tx = tx;
        this.properties = properties;
        this.signal = signal;
        this.mapper = mapper;
        this.clock = clock;
        this.registry = registry;
        this.traces = traces;
        Gauge.builder("billstream.email.queue.depth", this::queueDepthSafely)
                .description("Emails not yet accepted by SMTP nor failed (first attempt pending or retrying)")
                .register(registry);
    }

    /** One round: due reminders become emails, then due emails are attempted. Public so tests can drive it. */
    public int runOnce() {
        while (emails.fireDueReminders(properties.batchSize()) == properties.batchSize()) {
            // keep going while full batches come back
        }
        int attempted = 0;
        List<EmailRow> claimed;
        do {
            claimed = store.claimDue(clock.instant(), properties.lease(), properties.batchSize());
            for (EmailRow email : claimed) {
                // every attempt is a span of the trace that queued the email, so the SMTP send, its log lines and
                // the invoice.sent / email.failed it publishes carry the caller's trace id, retries included
                traces.runInTrace("email.send", store.traceParent(email.id()), () -> attempt(email));
            }
            attempted += claimed.size();
        } while (claimed.size() == properties.batchSize() && running);
        return attempted;
    }

    private void attempt(EmailRow email) {
        Optional<SnapshotRow> snapshot = snapshots.find(email.tenantId(), email.invoiceId());
        Optional<StoredPdf> pdf = documents.current(email.tenantId(), email.invoiceId());
        if (snapshot.isEmpty() || pdf.isEmpty()) {
            fail(email, "the invoice or its PDF is no longer available", snapshot);
            return;
        }
        MimeMessage message;
        try {
            message = composer.compose(email, json.invoice(snapshot.get().data()), pdf.get(),
                    documents.content(pdf.get()));
        } catch (Exception e) {
            fail(email, "cannot build the message: " + SmtpOutcome.describe(e), snapshot);
            return;
        }
        try {
            sender.send(message);
        } catch (Exception e) {
            String error = SmtpOutcome.describe(e);
            if (SmtpOutcome.isPermanent(e)) {
                fail(email, error, snapshot);
            } else if (email.attempts() > properties.retryDelays().size()) {
                fail(email, "gave up after " + email.attempts() + " attempts: " + error, snapshot);
            } else {
                Duration delay = properties.retryDelays().get(email.attempts() - 1);
                log.info("email {} attempt {} failed ({}); next attempt in {}", email.id(), email.attempts(), error,
                        delay);
                tx.executeWithoutResult(s -> store.retryAt(email.id(), clock.instant().plus(delay), error));
            }
            return;
        }
        Instant sentAt = clock.instant();
        tx.executeWithoutResult(s -> {
            if (store.markSent(email.id(), sentAt)) {
                publish(email, EventTypes.INVOICE_SENT, sent(email, snapshot.get(), sentAt), snapshot.get());
            }
        });
    }

    private void fail(EmailRow email, String error, Optional<SnapshotRow> snapshot) {
        log.warn("email {} for invoice {} failed: {}", email.id(), email.invoiceId(), error);
        tx.executeWithoutResult(s -> {
            if (store.markFailed(email.id(), error)) {
                EmailRow failed = store.find(email.id()).orElseThrow();
                ObjectNode data = mapper.valueToTree(failed.toData());
                snapshot.ifPresent(row -> {
                    JsonNode invoice = read(row.data());
                    data.set("invoiceNumber", invoice.path("number"));
                    data.set("customerId", invoice.path("customerId"));
                });
                publish(failed, EventTypes.EMAIL_FAILED, data, snapshot.orElse(null));
                Counter.builder("billstream.email.failed").description("Emails that failed for good")
                        .tag("kind", email.kind().wire()).register(registry).increment();
            }
        });
    }

    /** {@code invoice.sent}: the invoice as every invoice event carries it, plus the email. */
    private ObjectNode sent(EmailRow email, SnapshotRow snapshot, Instant sentAt) {
        ObjectNode data = (ObjectNode) read(snapshot.data());
        EmailRow sent = new EmailRow(email.id(), email.tenantId(), email.invoiceId(), email.kind(), email.to(),
                email.cc(), email.subject(), email.message(), email.messageId(), EmailRow.SENT, email.attempts(),
                null, sentAt, email.createdAt());
        data.put("emailId", email.id());
        data.set("email", mapper.valueToTree(sent.toData()));
        return data;
    }

    private void publish(EmailRow email, String type, ObjectNode data, SnapshotRow snapshot) {
        long sequence = snapshot == null ? 0 : snapshot.invoiceVersion();
        outbox.write(email.invoiceId(), IntegrationEvent.of(EventIds.newEventId(), SOURCE, type, email.invoiceId(),
                clock.instant(), email.tenantId(), sequence, data));
    }

    private JsonNode read(String value) {
        try {
            return mapper.readTree(value);
        } catch (Exception e) {
            throw new IllegalStateException("unreadable snapshot", e);
        }
    }

    private double queueDepthSafely() {
        try {
            return store.queueDepth();
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }

    private void loop() {
        while (running) {
            boolean failed = false;
            try {
                runOnce();
            } catch (RuntimeException e) {
                failed = true;
                log.warn("email round failed; retrying after {}", RETRY_AFTER_FAILURE, e);
            }
            try {
                // a failed round (database away) is retried soon, not after the long safety poll
                signal.await(failed ? RETRY_AFTER_FAILURE : untilNextDue());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private Duration untilNextDue() {
        try {
            return store.nextDue()
                    .map(due -> Duration.between(clock.instant(), due))
                    .filter(wait -> wait.compareTo(properties.pollInterval()) < 0)
                    .map(wait -> wait.isNegative() ? Duration.ofMillis(10) : wait)
                    .orElse(properties.pollInterval());
        } catch (RuntimeException e) {
            return RETRY_AFTER_FAILURE;
        }
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        thread = Thread.ofPlatform().name("email-worker").daemon().start(this::loop);
    }

    @Override
    public synchronized void stop() {
        running = false;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            thread = null;
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
