package io.billstream.payment.domain;

import io.billstream.payment.api.RecordPayment;
import io.billstream.payment.api.RefundPayment;
import io.billstream.platform.ids.Ids;
import io.billstream.platform.money.CurrencyCodes;
import io.billstream.platform.money.InvalidMoneyException;
import io.billstream.platform.money.Money;
import io.billstream.platform.paging.Page;
import io.billstream.platform.paging.PageLimit;
import io.billstream.platform.paging.SequenceCursor;
import io.billstream.platform.security.Caller;
import io.billstream.platform.security.SeenVersion;
import io.billstream.platform.errors.DomainException;
import io.billstream.platform.errors.ErrorCode;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Records payments and refunds. Each runs in one transaction that first locks the invoice's ledger row, so
 * payments and refunds of one invoice are serialized on every instance and can never add up to more than the
 * amount due; the payment.* event is written to the outbox in that same transaction.
 */
@Service
public class PaymentService {

    /** What numeric(19,4) holds. */
    private static final int MAX_INTEGER_DIGITS = 15;

    private final LedgerStore ledger;
    private final PaymentStore payments;
    private final RefundStore refunds;
    private final PaymentEvents events;
    private final InvoiceArrival arrival;
    private final TransactionTemplate tx;
    private final PaymentSettings settings;
    private final Clock clock;
    private final MeterRegistry meters;

    public PaymentService(LedgerStore ledger, PaymentStore payments, RefundStore refunds,
                          PaymentEvents events, InvoiceArrival arrival, TransactionTemplate tx,
                          PaymentSettings settings, Clock clock, MeterRegistry meters) {
        this.ledger = ledger;
        this.payments = payments;
        this.refunds = refunds;
        this.events = events;
        this.arrival = arrival;
        this.tx = tx;
        this.settings = settings;
        this.clock = clock;
        this.meters = meters;
    }

    public Payment record(Caller caller, RecordPayment command) {
        return record(caller, command, null);
    }

    /** @param seen the invoice version the gateway knows this client was already answered with, or null */
    public Payment record(Caller caller, RecordPayment command, SeenVersion seen) {
        return timed("record", () -> doRecord(caller, command, seen));
    }

    public Refund refund(Caller caller, String paymentId, RefundPayment command) {
        return timed("refund", () -> doRefund(caller, paymentId, command));
    }

    private Payment doRecord(Caller caller, RecordPayment command, SeenVersion seen) {
        Currency currency = currency(command.currency());
        Money amount = money(command.amount(), currency);
        requirePositive(amount);
        PaymentMethod method = PaymentMethod.fromWire(command.method())
                .orElseThrow(() -> DomainException.validation("method", "must be one of " + PaymentMethod.WIRE_PATTERN));
        Instant now = now();
        Instant paidAt = command.paidAt() == null ? now : command.paidAt().truncatedTo(ChronoUnit.MICROS);
        if (paidAt.isAfter(now.plus(settings.paidAtFutureSkew()))) {
            throw DomainException.validation("paidAt", "must not be in the future");
        }
        String invoiceId = command.invoiceId();
        if (!Ids.hasPrefix(invoiceId, "inv")) {
            throw DomainException.notFound("Invoice " + invoiceId);
        }
        long seenVersion = SeenVersion.of(seen, invoiceId);
        // Usually the invoice is here and current: lock it and record at once, without a read before the lock.
        // Otherwise undo the lock before waiting, or the event that brings the issue would wait on it; inside a
        // caller's transaction (an Idempotency-Key's) that takes a savepoint.
        Optional<Payment> recorded = tx.execute(status -> {
            Object savepoint = status.isNewTransaction() ? null : status.createSavepoint();
            Optional<LedgerEntry> entry = ledger.lock(invoiceId)
                    .filter(locked -> InvoiceArrival.arrived(locked, seenVersion));
            if (entry.isEmpty()) {
                if (savepoint == null) {
                    status.setRollbackOnly();
                } else {
                    status.rollbackToSavepoint(savepoint);
                }
                return Optional.<Payment>empty();
            }
            if (savepoint != null) {
                status.releaseSavepoint(savepoint);
            }
            return Optional.of(recordOn(entry.get(), caller, amount, method, command.reference(), paidAt));
        });
        if (recorded.isPresent()) {
            return recorded.get();
        }
        arrival.requireSeen(invoiceId, seenVersion, arrival.awaitIssued(invoiceId, seenVersion));
        return tx.execute(status -> recordOn(ledger.lock(invoiceId)
                        .orElseThrow(() -> DomainException.notFound("Invoice " + invoiceId)),
                caller, amount, method, command.reference(), paidAt));
    }

    /** Records the payment on the invoice's locked ledger entry: the payment, the new amount paid, the outbox row. */
    private Payment recordOn(LedgerEntry entry, Caller caller, Money amount, PaymentMethod method, String reference,
                             Instant paidAt) {
        if (!entry.tenantId().equals(caller.tenant())) {
            throw DomainException.notFound("Invoice " + entry.invoiceId());
        }
        entry.checkPayment(amount);
        Payment payment = Payment.record(Ids.newId("pay"), caller.tenant(), entry.invoiceId(), amount, method,
                reference, paidAt, now());
        payments.insert(payment);
        ledger.savePaidNet(entry.paid(amount));
        events.recorded(payment, payment.createdAt());
        return payment;
    }

    private Refund doRefund(Caller caller, String paymentId, RefundPayment command) {
        if (command.amount().signum() <= 0) {
            throw notPositive();
        }
        Payment found = find(caller, paymentId);
        Money amount = money(command.amount(), found.amount().currency());
        return tx.execute(status -> {
            LedgerEntry entry = ledger.lock(found.invoiceId()).orElseThrow();
            Payment payment = payments.lock(caller.tenant(), paymentId).orElseThrow();
            Payment updated = payment.refund(amount);
            Refund refund = new Refund(Ids.newId("ref"), caller.tenant(), paymentId, amount, command.reason(), now());
            refunds.insert(refund);
            payments.saveRefunded(updated);
            ledger.savePaidNet(entry.refunded(amount));
            events.refunded(updated, refund);
            return refund;
        });
    }

    public Payment find(Caller caller, String paymentId) {
        return payments.find(caller.tenant(), paymentId)
                .orElseThrow(() -> DomainException.notFound("Payment " + paymentId));
    }

    public List<Refund> refunds(Caller caller, String paymentId) {
        find(caller, paymentId);
        return refunds.list(caller.tenant(), paymentId);
    }

    public Refund findRefund(Caller caller, String paymentId, String refundId) {
        return refunds.find(caller.tenant(), paymentId, refundId)
                .orElseThrow(() -> DomainException.notFound("Refund " + refundId));
    }

    /**
     * Newest first. The cursor is the insertion position of the last row shown, so payments recorded meanwhile land
     * before the first page and never shift or repeat later pages.
     */
    public Page<Payment> list(Caller caller, String invoiceId, int limit, String cursor) {
        PageLimit.check(limit);
        long position = SequenceCursor.decode(cursor);
        Long before = position == Long.MAX_VALUE ? null : position;
        String invoice = invoiceId == null || invoiceId.isBlank() ? null : invoiceId;
        List<PaymentStore.Positioned> rows = payments.page(caller.tenant(), invoice, before, Page.fetchSize(limit));
        return Page.of(rows, limit, PaymentStore.Positioned::payment, r -> SequenceCursor.encode(r.position()));
    }

    /**
     * Every payment on any of the given invoices (of the caller's tenant), newest first, in one page: the batch
     * lookup behind the gateway's GraphQL {@code Invoice.payments}. Bounded by the invoice count (≤ 100).
     */
    public Page<Payment> byInvoices(Caller caller, java.util.Collection<String> invoiceIds) {
        return new Page<>(payments.byInvoices(caller.tenant(), invoiceIds).stream()
                .map(PaymentStore.Positioned::payment).toList(), null);
    }

    /** Command time by outcome (accepted or the refusal's code), for the service's metrics (docs/operations.md). */
    private <T> T timed(String command, Supplier<T> work) {
        Timer.Sample sample = Timer.start(meters);
        String outcome = "accepted";
        try {
            return work.get();
        } catch (DomainException e) {
            outcome = e.code().code();
            throw e;
        } catch (RuntimeException e) {
            outcome = "error";
            throw e;
        } finally {
            sample.stop(Timer.builder("billstream.payments.commands").description("Payment and refund commands")
                    .tag("command", command).tag("outcome", outcome).register(meters));
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private static Currency currency(String code) {
        try {
            return CurrencyCodes.parse(code);
        } catch (InvalidMoneyException e) {
            throw DomainException.validation("currency", e.getMessage());
        }
    }

    private static Money money(BigDecimal amount, Currency currency) {
        // before any arithmetic: "1E+999999999" is a valid JSON number whose rescaling would eat the heap
        if (amount.precision() - amount.scale() > MAX_INTEGER_DIGITS) {
            throw DomainException.validation("amount", "must be less than 10^" + MAX_INTEGER_DIGITS);
        }
        try {
            return Money.of(amount, currency);
        } catch (InvalidMoneyException e) {
            throw DomainException.validation("amount", e.getMessage());
        }
    }

    private static void requirePositive(Money amount) {
        if (!amount.isPositive()) {
            throw notPositive();
        }
    }

    private static DomainException notPositive() {
        return DomainException.of(ErrorCode.AMOUNT_NOT_POSITIVE, "The amount must be greater than zero.");
    }
}
