package io.billstream.gateway.domain;

public enum ApiKeyScope {
    READ_WRITE, READ_ONLY;

    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static ApiKeyScope fromWire(String wire) {
        return valueOf(wire.toUpperCase(java.util.Locale.ROOT));
    }
}
