package io.billstream.webhook.domain;

import com.fasterxml.jackson.annotation.JsonValue;

public enum MessageStatus {
    PENDING, DELIVERED, FAILED;

    @JsonValue
    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static MessageStatus fromWire(String wire) {
        for (MessageStatus status : values()) {
            if (status.wire().equals(wire)) {
                return status;
            }
        }
        throw new IllegalArgumentException("must be pending, delivered or failed");
    }
}
