package io.billstream.document.email.domain;

/** What an email is about (its {@code kind} on the wire). */
public enum EmailKind {
    INVOICE, REMINDER, RECEIPT;

    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static EmailKind of(String wire) {
        return valueOf(wire.toUpperCase(java.util.Locale.ROOT));
    }
}
