package io.billstream.payment.domain;

import java.util.Arrays;

/** Invoice statuses as invoice-service puts them on the wire. */
public enum InvoiceStatus {
    DRAFT("draft"), OPEN("open"), OVERDUE("overdue"), PAID("paid"), VOID("void"), UNCOLLECTIBLE("uncollectible");

    private final String wire;

    InvoiceStatus(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static InvoiceStatus fromWire(String wire) {
        return Arrays.stream(values()).filter(s -> s.wire.equals(wire)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown invoice status " + wire));
    }

    /**
     * Whether the invoice is issued and collectible. {@code paid} counts: invoice-service derives it only from
     * this service's payments, so when the local ledger still shows an amount due the {@code paid} is the lag
     * after a refund made here, and the amount due decides.
     */
    public boolean collectible() {
        return this == OPEN || this == OVERDUE || this == PAID;
    }
}
