package io.billstream.payment.domain;

import java.util.Arrays;
import java.util.Optional;

/** How a payment was made; the wire form is the lower-case name. */
public enum PaymentMethod {
    CARD("card"), BANK_TRANSFER("bank_transfer"), CASH("cash"), CHECK("check"), OTHER("other");

    public static final String WIRE_PATTERN = "card|bank_transfer|cash|check|other";

    private final String wire;

    PaymentMethod(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static Optional<PaymentMethod> fromWire(String wire) {
        return Arrays.stream(values()).filter(m -> m.wire.equals(wire)).findFirst();
    }
}
