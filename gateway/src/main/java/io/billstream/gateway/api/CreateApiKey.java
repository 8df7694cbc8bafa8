package io.billstream.gateway.api;

/** @param scope {@code read_write} or {@code read_only}, as on the wire */
public record CreateApiKey(String name, String scope) {
}
