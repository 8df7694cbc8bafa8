package io.billstream.invoice.recurring.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The invoice of run n of a schedule has one possible id, a hash of (schedule id, n). A second attempt at the
 * same run, wherever it comes from, would append a second first event to the same invoice stream, which the event
 * store's unique (aggregate id, sequence) key refuses.
 */
public final class RecurringIds {

    private static final char[] ALPHABET =
            "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();

    private RecurringIds() {
    }

    public static String invoiceIdFor(String recurringInvoiceId, int runNumber) {
        byte[] hash;
        try {
            hash = MessageDigest.getInstance("SHA-256")
                    .digest((recurringInvoiceId + "#" + runNumber).getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        char[] out = new char[24];
        for (int i = 0; i < out.length; i++) {
            out[i] = ALPHABET[(hash[i] & 0xff) % ALPHABET.length];
        }
        return "inv_" + new String(out);
    }
}
