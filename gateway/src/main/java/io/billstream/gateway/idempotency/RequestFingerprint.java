package io.billstream.gateway.idempotency;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.nio.charset.StandardCharsets;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * What makes two requests "the same" for Idempotency-Key: method, path (with query) and a JSON-equal body — key order and
 * whitespace do not matter. A body that is not JSON is compared byte for byte. Keyed (HMAC-SHA256 with a key derived
 * from the gateway's secret): bodies such as signup or user creation carry passwords, and a plain hash of them kept
 * for a day — in the gateway's database and in the services' — could be guessed offline.
 */
final class RequestFingerprint {

    private final ObjectMapper canonical;
    private final SecretKeySpec key;

    RequestFingerprint(ObjectMapper mapper, String secret) {
        this.canonical = mapper.copy().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);
        this.key = new SecretKeySpec(sha256().digest(("billstream idempotency fingerprint\n" + secret)
                .getBytes(StandardCharsets.UTF_8)), "HmacSHA256");
    }

    String of(String method, String pathAndQuery, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update((method + " " + pathAndQuery + "\n").getBytes(StandardCharsets.UTF_8));
            mac.update(canonicalBody(body));
            return HexFormat.of().formatHex(mac.doFinal());
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
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
