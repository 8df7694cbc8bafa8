package io.billstream.document.einvoice.domain;

import java.util.List;

/** The invoice lacks what EN 16931 (or XRechnung) requires; {@code fields} names every gap at once. */
public class EInvoiceIncompleteException extends RuntimeException {

    private final transient List<MissingField> fields;

    public EInvoiceIncompleteException(List<MissingField> fields) {
        super("e-invoice incomplete: " + fields);
        this.fields = List.copyOf(fields);
    }

    public List<MissingField> fields() {
        return fields;
    }
}
