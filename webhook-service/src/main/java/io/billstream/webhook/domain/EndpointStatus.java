package io.billstream.webhook.domain;

import com.fasterxml.jackson.annotation.JsonValue;

public enum EndpointStatus {
    ENABLED, DISABLED;

    @JsonValue
    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static EndpointStatus fromWire(String wire) {
        for (EndpointStatus status : values()) {
            if (status.wire().equals(wire)) {
                return status;
            }
        }
        throw new IllegalArgumentException("must be enabled or disabled");
    }
}
