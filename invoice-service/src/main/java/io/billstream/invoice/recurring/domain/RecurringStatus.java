package io.billstream.invoice.recurring.domain;

import java.util.Arrays;

public enum RecurringStatus {
    ACTIVE, PAUSED, COMPLETED, CANCELLED;

    public String wire() {
        return name().toLowerCase();
    }

    public boolean isFinal() {
        return this == COMPLETED || this == CANCELLED;
    }

    public static boolean isWire(String value) {
        return Arrays.stream(values()).anyMatch(s -> s.wire().equals(value));
    }
}
