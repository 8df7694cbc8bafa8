package io.billstream.systemtest.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

import java.io.IOException;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * One answer of the gateway, or the transport failure that took its place ({@code status == -1}): load and fault
 * tests must see a refused connection as an outcome, not as an exception that ends the client thread.
 */
public record Reply(String method, String path, int status, HttpHeaders headers, byte[] body, Duration latency,
                    Exception failure) {

    private static final HttpHeaders NONE = HttpHeaders.of(Map.of(), (a, b) -> true);

    static Reply failed(String method, String path, Duration latency, Exception failure) {
        return new Reply(method, path, -1, NONE, new byte[0], latency, failure);
    }

    public boolean transportFailed() {
        return status == -1;
    }

    public Optional<String> header(String name) {
        return headers.firstValue(name);
    }

    public String text() {
        return new String(body, StandardCharsets.UTF_8);
    }

    public JsonNode json() {
        if (body.length == 0) {
            return MissingNode.getInstance();
        }
        try {
            return Api.JSON.readTree(body);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + describe(), e);
        }
    }

    /** A field of the JSON body as text ({@code null} when absent), e.g. {@code str("amountDue")}. */
    public String str(String field) {
        JsonNode node = json().path(field);
        return node.isMissingNode() || node.isNull() ? null : node.asText();
    }

    /** The problem+json {@code code}, if this is a problem answer. */
    public String code() {
        return body.length > 0 && text().startsWith("{") ? str("code") : null;
    }

    /** For assertion messages: what was asked and what came back. */
    public String describe() {
        String shown = transportFailed() ? String.valueOf(failure) : text();
        if (shown.length() > 600) {
            shown = shown.substring(0, 600) + "...";
        }
        return method + " " + path + " -> " + status + " " + shown;
    }

    @Override
    public String toString() {
        return describe();
    }
}
