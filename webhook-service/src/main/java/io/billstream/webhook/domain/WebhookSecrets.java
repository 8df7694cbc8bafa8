package io.billstream.webhook.domain;

import java.security.SecureRandom;
import java.util.Base64;

/** {@code whsec_} + base64 of 24 random bytes, as Standard Webhooks libraries expect. */
public final class WebhookSecrets {

    public static final String PREFIX = "whsec_";
    private static final int KEY_BYTES = 24;
    private static final SecureRandom RANDOM = new SecureRandom();

    private WebhookSecrets() {
    }

    public static String generate() {
        byte[] key = new byte[KEY_BYTES];
        RANDOM.nextBytes(key);
        return PREFIX + Base64.getEncoder().encodeToString(key);
    }

    static byte[] keyBytes(String secret) {
        String encoded = secret.startsWith(PREFIX) ? secret.substring(PREFIX.length()) : secret;
        return Base64.getDecoder().decode(encoded);
    }
}
