package io.billstream.gateway.idempotency;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * What makes two requests "the same" for SPEC §2: method, path (with query) and a JSON-equal body — key order and
 * whitespace do not matter. A body that is not JSON is compared byte for byte.
 */
final class RequestFingerprint {

    private final ObjectMapper canonical;

    RequestFingerprint(ObjectMapper mapper) {
        this.canonical = mapper.copy().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);
    }

    String of(String method, String pathAndQuery, byte[] body) {
        MessageDigest digest = sha256();
        digest.update((method + " " + pathAndQuery + "\n").getBytes(StandardCharsets.UTF_8));
        digest.update(canonicalBody(body));
        return HexFormat.of().formatHex(digest.digest());
    }

    private byte[] canonicalBody(byte[] body) {
        if (body.length == 0) {
            return body;
        }
        try {
            Object value = canonical.readValue(body, Object.class);
            return canonical.writeValueAsBytes(value);
        } catch (java.io.IOException e) {
            return body;
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
