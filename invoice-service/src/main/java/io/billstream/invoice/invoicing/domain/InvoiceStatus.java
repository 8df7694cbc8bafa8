package io.billstream.invoice.invoicing.domain;

import java.util.Locale;

public enum InvoiceStatus {
    DRAFT, OPEN, OVERDUE, PAID, VOID, UNCOLLECTIBLE;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static InvoiceStatus fromWire(String wire) {
        return valueOf(wire.toUpperCase(Locale.ROOT));
    }

    /** Open and overdue invoices wait for money; an uncollectible one may still be paid. */
    public boolean acceptsPayments() {
        return this == OPEN || this == OVERDUE || this == UNCOLLECTIBLE;
    }
}
