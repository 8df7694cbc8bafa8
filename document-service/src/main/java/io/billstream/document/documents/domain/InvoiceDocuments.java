package io.billstream.document.documents.domain;

import io.billstream.document.documents.domain.InvoiceRenders;
import io.billstream.document.documents.domain.InvoiceSnapshots;
import io.billstream.document.documents.domain.render.InvoicePdf;
import io.billstream.document.documents.domain.render.Sha256;
import io.billstream.platform.events.EventIds;
import io.billstream.platform.events.EventTypes;
import io.billstream.platform.events.IntegrationEvent;
import io.billstream.platform.events.data.DocumentData;
import io.billstream.platform.events.data.InvoiceData;
import io.billstream.platform.ids.Ids;
import io.billstream.platform.messaging.ProcessedEvents;
import io.billstream.platform.observability.TraceContexts;
import io.billstream.platform.outbox.OutboxWriter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Keeps one PDF per distinct look of every issued invoice. An invoice event stores the snapshot when it is newer
 * than the one held; if the page it renders to differs from the newest render (issued, paid, void, late fee,
 * payment applied…) a new PDF is rendered and stored for that invoice version, and {@code document.generated}
 * goes into the outbox in the same transaction. Renders are never updated, so a late, older event cannot
 * replace a newer PDF.
 */
@Service
public class InvoiceDocuments {

    public static final String CONSUMER = "document-service";
    /** The span an invoice event's work runs in (batch listeners are not observed by spring-kafka). */
    public static final String SPAN = CONSUMER + ".invoice";
    static final String SOURCE = "billstream/document-service";
    static final String CONTENT_TYPE = "application/pdf";
    private static final String DRAFT_PAGE = "0".repeat(64);

    private final InvoicePdf pdf;
    private final InvoiceSnapshots snapshots;
    private final InvoiceRenders renders;
    private final ProcessedEvents processed;
    private final OutboxWriter outbox;
    private final InvoiceJson json;
    private final Timer renderTime;
    private final TransactionTemplate tx;
    private final InvoiceEventObserver emails;
    private final TraceContexts traces;

    public InvoiceDocuments(InvoicePdf pdf, InvoiceSnapshots snapshots, InvoiceRenders renders,
                            ProcessedEvents processed, OutboxWriter outbox, InvoiceJson json, MeterRegistry registry,
                            PlatformTransactionManager transactions, InvoiceEventObserver emails,
                            TraceContexts traces) {
        this.emails = emails;
        this.traces = traces;
        this.pdf = pdf;
        this.snapshots = snapshots;
        this.renders = renders;
        this.processed = processed;
        this.outbox = outbox;
        this.json = json;
        this.tx = new TransactionTemplate(transactions);
        this.renderTime = Timer.builder("billstream.pdf.render")
                .description("Time to render one invoice PDF (HTML to PDF)")
                .publishPercentileHistogram()
                .register(registry);
    }

    /**
     * How an invoice looks: its page (XHTML; null for a draft, which is never rendered), the page's hash and the
     * snapshot JSON. Worked out once per event, before either transaction: Markdown → XHTML alone is about a tenth
     * of a render, and both transactions below need it.
     */
    private record Look(String page, String pageSha, String snapshot) {
    }

    private Look look(InvoiceData invoice) {
        if ("draft".equals(invoice.status())) {
            return new Look(null, DRAFT_PAGE, json.write(invoice));
        }
        String page = pdf.html(invoice);
        return new Look(page, Sha256.hex(page), json.write(invoice));
    }

    /**
     * Applies one invoice.* event; a redelivered event id changes nothing. The PDF is rendered outside any
     * transaction: a render takes tens of milliseconds to seconds, and held a pooled connection "idle in
     * transaction" all along, so a burst of renders exhausted the pool and stalled every other request. So the bytes
     * are made first, when one read says the page differs from the newest render, and the short transaction that
     * marks the event processed stores them with their outbox row; a crash during the render leaves the event
     * unprocessed, and it is redelivered. Before, a first transaction took the whole decision and was rolled back
     * (six statements, and the dead rows of three writes, per render; docs/benchmarks.md, row 25).
     */
    public void apply(IntegrationEvent event, InvoiceData invoice) {
        Look look = look(invoice);
        byte[] early = pageDiffersFromNewestRender(event, invoice, look) ? render(look.page()) : null;
        if (!decideAndStore(event, invoice, look, early)) {
            // The read said "same page", but a render stored since then says otherwise: rolled back, rendered now.
            decideAndStore(event, invoice, look, render(look.page()));
        }
    }

    /** An invoice event as a poll delivered it, with the {@code traceparent} its record carried. */
    public record Incoming(IntegrationEvent event, InvoiceData invoice, String traceParent) {
    }

    /**
     * Applies a poll's invoice events in their order, as {@link #apply} would one by one, but in one transaction: a
     * document-service transaction per event was three commits per invoice created and issued (and three per
     * payment), where the events of a poll can share one. The pages are rendered first, outside it; an event whose
     * page an earlier event of the same poll renders is not rendered again. If the transaction finds a render it
     * needs and does not have (a render stored meanwhile by another instance or an on-demand request), it is rolled
     * back and the events are applied one by one. A failure is the caller's to retry event by event (what it stored
     * is rolled back with it).
     */
    public void applyAll(List<Incoming> events) {
        Look[] looks = new Look[events.size()];
        byte[][] early = new byte[events.size()][];
        Map<String, String> renderedHere = new HashMap<>();
        for (int i = 0; i < looks.length; i++) {
            Incoming in = events.get(i);
            looks[i] = look(in.invoice());
            String previous = renderedHere.get(in.invoice().id());
            boolean differs = previous == null ? pageDiffersFromNewestRender(in.event(), in.invoice(), looks[i])
                    : looks[i].page() != null && !settledByTheNextEvent(in.event(), in.invoice())
                    && !previous.equals(looks[i].pageSha());
            if (differs) {
                early[i] = render(looks[i].page());
                renderedHere.put(in.invoice().id(), looks[i].pageSha());
            }
        }
        boolean stored = Boolean.TRUE.equals(tx.execute(status -> {
            for (int i = 0; i < looks.length; i++) {
                Incoming in = events.get(i);
                int at = i;
                boolean complete = traces.continueTrace(SPAN, in.traceParent(),
                        () -> applyInTransaction(in.event(), in.invoice(), looks[at], early[at]));
                if (!complete) {
                    status.setRollbackOnly();
                    return false;
                }
            }
            return true;
        }));
        if (!stored) {
            events.forEach(in -> traces.runInTrace(SPAN, in.traceParent(),
                    () -> apply(in.event(), in.invoice())));
        }
    }

    /**
     * Decides in one short transaction and stores {@code content} if a render is needed; false, with the
     * transaction rolled back, when a render is needed and there is no content.
     */
    private boolean decideAndStore(IntegrationEvent event, InvoiceData invoice, Look look, byte[] content) {
        return Boolean.TRUE.equals(tx.execute(status -> {
            if (applyInTransaction(event, invoice, look, content)) {
                return true;
            }
            status.setRollbackOnly();
            return false;
        }));
    }

    /** In the caller's transaction: false when a render is needed and there is no {@code content}. */
    private boolean applyInTransaction(IntegrationEvent event, InvoiceData invoice, Look look, byte[] content) {
        if (decide(event, invoice, look, content != null)) {
            if (content == null) {
                return false;
            }
            // stored only if the newest render (read in the insert itself) shows another page
            RenderRow row = newRow(event.tenantId(), invoice, look.pageSha(), content);
            if (renders.insertUnlessShown(row, content)) {
                announce(invoice, row);
            }
        }
        return true;
    }

    /**
     * Whether a render may be needed, read without a transaction or a write. The rare cases this does not see (a
     * redelivered or late event whose page differs from the newest render) cost a render that {@link #decide} then
     * does not store.
     */
    private boolean pageDiffersFromNewestRender(IntegrationEvent event, InvoiceData invoice, Look look) {
        if (look.page() == null || settledByTheNextEvent(event, invoice)) {
            return false;
        }
        Optional<RenderRow> current = renders.newest(event.tenantId(), invoice.id());
        return current.isEmpty() || !current.get().pageSha256().equals(look.pageSha());
    }

    /**
     * Whether this event's page must be rendered; marks the event processed, stores its snapshot and creates its
     * emails (through the observer), all in the caller's transaction. With the page {@code rendered} already, the
     * newest render is not read here: the insert compares its page itself, in the same statement.
     */
    private boolean decide(IntegrationEvent event, InvoiceData invoice, Look look, boolean rendered) {
        if (!processed.markProcessed(CONSUMER, event.id())) {
            return false;
        }
        String tenant = event.tenantId();
        boolean newest = snapshots.saveIfNewer(new SnapshotRow(tenant, invoice.id(), invoice.version(),
                invoice.status(), invoice.number(), look.pageSha(), look.snapshot()));
        if (look.page() == null) {
            // A draft is kept (never rendered) so that sending it answers 409 invoice_is_draft rather than 404.
            return false;
        }
        emails.onInvoiceEvent(event, invoice);
        if (!newest || settledByTheNextEvent(event, invoice)) {
            return false;
        }
        if (rendered) {
            return true;
        }
        Optional<RenderRow> current = renders.newest(tenant, invoice.id());
        return current.isEmpty() || !current.get().pageSha256().equals(look.pageSha());
    }

    /**
     * A payment that covers the rest of the invoice is committed together with {@code InvoicePaid}, so
     * {@code invoice.paid} follows on the same partition at once: rendering the in-between page (nothing due, no PAID
     * mark yet) would be thrown away. Its snapshot is stored all the same, so a request in between renders it on
     * demand. Halves the renders of an invoice paid in one payment (docs/benchmarks.md).
     */
    private static boolean settledByTheNextEvent(IntegrationEvent event, InvoiceData invoice) {
        return EventTypes.INVOICE_PAYMENT_APPLIED.equals(event.type()) && !"paid".equals(invoice.status())
                && invoice.amountDue() != null && new BigDecimal(invoice.amountDue()).signum() == 0;
    }

    /**
     * The PDF showing the invoice's newest snapshot; rendered now if it is missing. Empty for drafts, unknown
     * invoices and other tenants' invoices.
     */
    public Optional<StoredPdf> current(String tenant, String invoiceId) {
        Optional<SnapshotRow> snapshot = snapshots.find(tenant, invoiceId);
        if (snapshot.isEmpty() || "draft".equals(snapshot.get().status())) {
            return Optional.empty();
        }
        SnapshotRow row = snapshot.get();
        Optional<RenderRow> stored = renders.newestShowing(tenant, invoiceId, row.pageSha256());
        RenderRow render = stored.orElseGet(() -> {
            // rendered on demand, outside any transaction (see apply)
            InvoiceData invoice = json.invoice(row.data());
            byte[] content = render(pdf.html(invoice));
            return tx.execute(status -> store(tenant, invoice, row.pageSha256(), content));
        });
        return Optional.of(new StoredPdf(render.id(), render.invoiceNumber(), render.sha256(), render.sizeBytes()));
    }

    public byte[] content(StoredPdf stored) {
        return renders.content(stored.renderId());
    }

    private byte[] render(String page) {
        return renderTime.record(() -> pdf.pdf(page));
    }

    private RenderRow store(String tenant, InvoiceData invoice, String pageSha, byte[] content) {
        RenderRow row = newRow(tenant, invoice, pageSha, content);
        if (!renders.insert(row, content)) {
            // Another instance (or a concurrent on-demand request) stored this version first: serve theirs.
            return renders.ofVersion(tenant, invoice.id(), invoice.version()).orElseThrow();
        }
        announce(invoice, row);
        return row;
    }

    private static RenderRow newRow(String tenant, InvoiceData invoice, String pageSha, byte[] content) {
        return new RenderRow(Ids.newId("doc"), tenant, invoice.id(), invoice.version(), invoice.number(), pageSha,
                Sha256.hex(content), content.length, Instant.now());
    }

    /** {@code document.generated} for a stored render, through the outbox of the storing transaction. */
    private void announce(InvoiceData invoice, RenderRow row) {
        String tenant = row.tenantId();
        DocumentData data = new DocumentData(row.id(), invoice.id(), invoice.number(), invoice.version(),
                row.sha256(), row.sizeBytes(), CONTENT_TYPE, row.createdAt());
        outbox.write(invoice.id(), IntegrationEvent.of(EventIds.newEventId(), SOURCE, EventTypes.DOCUMENT_GENERATED,
                invoice.id(), row.createdAt(), tenant, invoice.version(), json.tree(data)));
    }
}
