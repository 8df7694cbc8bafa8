package io.billstream.document.einvoice.domain;

import java.util.Arrays;
import java.util.Optional;

/**
 * The e-invoice documents Billstream writes (API contract §14). Factur-X embeds UN/CEFACT CII of profile EN 16931 in a PDF/A-3;
 * the XRechnung syntaxes are the German CIUS 3.0 of EN 16931, as CII or as UBL 2.1, delivered as bare XML.
 */
public enum EInvoiceSyntax {
    FACTURX("facturx"),
    XRECHNUNG_CII("xrechnung-cii"),
    XRECHNUNG_UBL("xrechnung-ubl");

    private final String wire;

    EInvoiceSyntax(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public boolean xrechnung() {
        return this != FACTURX;
    }

    public static Optional<EInvoiceSyntax> fromWire(String value) {
        return Arrays.stream(values()).filter(s -> s.wire.equals(value)).findFirst();
    }
}
