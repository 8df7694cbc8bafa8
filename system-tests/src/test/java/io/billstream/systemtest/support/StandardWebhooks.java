package io.billstream.systemtest.support;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;

/**
 * Signature check of the Standard Webhooks specification, written from the spec alone (not shared with the
 * webhook-service), so a receiver's view of the signature is proven independently.
 */
public final class StandardWebhooks {

    private StandardWebhooks() {
    }

    /** {@code v1,} + base64 HMAC-SHA256(base64-decoded secret after {@code whsec_}, id.timestamp.body). */
    public static String sign(String secret, String id, String timestamp, byte[] body) {
        try {
            byte[] key = Base64.getDecoder().decode(secret.startsWith("whsec_") ? secret.substring(6) : secret);
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return "v1," + Base64.getEncoder().encodeToString(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** True when any of the space-separated signatures in the header is the v1 signature under {@code secret}. */
    public static boolean verify(String secret, String id, String timestamp, byte[] body, String signatureHeader) {
        if (secret == null || id == null || timestamp == null || signatureHeader == null) {
            return false;
        }
        byte[] expected = sign(secret, id, timestamp, body).getBytes(StandardCharsets.UTF_8);
        for (String candidate : signatureHeader.trim().split(" +")) {
            if (MessageDigest.isEqual(expected, candidate.getBytes(StandardCharsets.UTF_8))) {
                return true;
            }
        }
        return false;
    }
}
