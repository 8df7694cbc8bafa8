package io.billstream.platform.ids;

import java.security.SecureRandom;

/**
 * Opaque, prefixed ids (docs/api-reference.md §2): {@code <prefix>_} + 24 base62 characters. The first 8 characters encode the
 * creation time in seconds so ids sort roughly by age; the rest are random (about 95 bits).
 */
public final class Ids {

    private static final char[] ALPHABET =
            "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private Ids() {
    }

    public static String newId(String prefix) {
        char[] out = new char[24];
        long seconds = System.currentTimeMillis() / 1000;
        for (int i = 7; i >= 0; i--) {
            out[i] = ALPHABET[(int) (seconds % 62)];
            seconds /= 62;
        }
        for (int i = 8; i < out.length; i++) {
            out[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
        }
        return prefix + "_" + new String(out);
    }

    public static boolean hasPrefix(String id, String prefix) {
        return id != null && id.startsWith(prefix + "_") && id.length() > prefix.length() + 1 && id.length() <= 64;
    }
}
