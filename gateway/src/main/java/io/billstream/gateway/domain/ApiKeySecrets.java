package io.billstream.gateway.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * API key format {@code bsk_<id part>_<secret>}: the id part is the base62 tail of the key's {@code key_…} id (not
 * secret, used to find the row), the secret 32 random bytes in base64url. Only SHA-256 of the whole key is stored:
 * with 256 bits of entropy a fast hash is enough, and comparing digests with {@link MessageDigest#isEqual} keeps
 * the check constant-time.
 */
public final class ApiKeySecrets {

    public static final String PREFIX = "bsk_";
    private static final SecureRandom RANDOM = new SecureRandom();

    private ApiKeySecrets() {
    }

    public static String newKey(String keyId) {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        return PREFIX + idPart(keyId) + "_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    }

    /** The {@code key_…} id a presented key claims to belong to. */
    public static Optional<String> keyIdOf(String presented) {
        if (presented == null || !presented.startsWith(PREFIX)) {
            return Optional.empty();
        }
        int separator = presented.indexOf('_', PREFIX.length());
        if (separator <= PREFIX.length() || separator == presented.length() - 1) {
            return Optional.empty();
        }
        return Optional.of("key_" + presented.substring(PREFIX.length(), separator));
    }

    public static byte[] hash(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static boolean matches(String presented, byte[] storedHash) {
        return MessageDigest.isEqual(hash(presented), storedHash);
    }

    public static String lastFour(String key) {
        return key.substring(key.length() - 4);
    }

    private static String idPart(String keyId) {
        return keyId.substring("key_".length());
    }
}
