package io.billstream.payment.messaging;

import io.billstream.payment.domain.LedgerEntry;
import io.billstream.payment.domain.Payment;
import io.billstream.payment.domain.Refund;
import io.billstream.payment.persistence.LedgerRepository;
import io.billstream.payment.persistence.PaymentRepository;
import io.billstream.payment.persistence.RefundRepository;
import io.billstream.platform.events.IntegrationEvent;
import io.billstream.platform.events.data.CreditNoteData;
import io.billstream.platform.events.data.RefundFailureData;
import io.billstream.platform.ids.Ids;
import io.billstream.platform.messaging.IntegrationEventCodec;
import io.billstream.platform.messaging.IntegrationEventCodec.MalformedEventException;
import io.billstream.platform.messaging.ProcessedEvents;
import io.billstream.platform.money.CurrencyCodes;
import io.billstream.platform.money.Money;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Currency;

/**
 * Pays out the refund part of a credit note from credit_note.issued: against the invoice's payments,
 * newest first, in one transaction that holds the invoice's ledger lock (like every payment and refund), writes
 * each refund with its payment.refunded outbox row, and marks the credit note done. The mark is keyed by the credit
 * note id, so a redelivered or re-sent event refunds nothing twice. What the payments cannot cover (refunded
 * meanwhile by hand) is published as payment.refund_failed.
 */
@Service
public class CreditNoteRefunds {

    static final String CONSUMER = "payment-service.credit-note-refunds";
    private static final Logger log = LoggerFactory.getLogger(CreditNoteRefunds.class);

    private final ProcessedEvents processed;
    private final LedgerRepository ledger;
    private final PaymentRepository payments;
    private final RefundRepository refunds;
    private final PaymentEventsOutbox events;
    private final IntegrationEventCodec codec;
    private final Clock clock;

    public CreditNoteRefunds(ProcessedEvents processed, LedgerRepository ledger, PaymentRepository payments,
                             RefundRepository refunds, PaymentEventsOutbox events, IntegrationEventCodec codec,
                             Clock clock) {
        this.processed = processed;
        this.ledger = ledger;
        this.payments = payments;
        this.refunds = refunds;
        this.events = events;
        this.codec = codec;
        this.clock = clock;
    }

    @Transactional
    public void apply(IntegrationEvent event) {
        CreditNoteData note = codec.data(event, CreditNoteData.class);
        if (note == null || note.id() == null || note.invoiceId() == null || event.tenantId() == null
                || note.refundAmount() == null) {
            throw new MalformedEventException("event " + event.id() + " has no credit note, invoice or tenant", null);
        }
        if (!processed.markProcessed(CONSUMER, note.id())) {
            log.debug("credit note {} was already paid out", note.id());
            return;
        }
        Currency currency;
        Money requested;
        try {
            currency = CurrencyCodes.parse(note.currency());
            requested = Money.of(new BigDecimal(note.refundAmount()), currency);
        } catch (IllegalArgumentException e) {
            throw new MalformedEventException("event " + event.id() + " has unusable amounts: " + e.getMessage(), e);
        }
        if (!requested.isPositive()) {
            return;
        }
        // the invoice's events travel on the same partition before this one, so its ledger row exists
        LedgerEntry entry = ledger.lock(note.invoiceId()).filter(e -> e.tenantId().equals(event.tenantId()))
                .orElseThrow(() -> new IllegalStateException("no ledger row for invoice " + note.invoiceId()));
        Money left = requested;
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        String reason = "Credit note " + (note.number() == null ? note.id() : note.number());
        for (Payment payment : payments.lockForInvoiceNewestFirst(event.tenantId(), note.invoiceId())) {
            if (!left.isPositive()) {
                break;
            }
            Money refundable = payment.refundable();
            if (!refundable.isPositive()) {
                continue;
            }
            Money amount = left.greaterThan(refundable) ? refundable : left;
            Payment updated = payment.refund(amount);
            Refund refund = new Refund(Ids.newId("ref"), event.tenantId(), payment.id(), amount, reason, now,
                    note.id());
            refunds.insert(refund);
            payments.saveRefunded(updated);
            entry = entry.refunded(amount);
            events.refunded(updated, refund);
            left = left.minus(amount);
        }
        ledger.savePaidNet(entry);
        if (left.isPositive()) {
            log.warn("credit note {} of invoice {}: {} {} could not be refunded", note.id(), note.invoiceId(),
                    left.toPlainString(), currency.getCurrencyCode());
            events.refundFailed(event.tenantId(), new RefundFailureData(note.id(), note.invoiceId(),
                    currency.getCurrencyCode(), requested.toPlainString(), requested.minus(left).toPlainString(),
                    left.toPlainString(), "The invoice's payments cover only " + requested.minus(left).toPlainString()
                    + " of the refund.", now));
        }
    }
}
