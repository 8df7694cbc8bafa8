package io.billstream.document.documents.domain;

/** The PDF that currently shows an invoice; its bytes are read only when needed (not for a 304). */
public record StoredPdf(String renderId, String invoiceNumber, String sha256, long sizeBytes) {

    public String etag() {
        return "\"" + sha256 + "\"";
    }

    /** {@code invoice-2026-001.pdf}: "/" (and anything else unsafe in a header or file name) becomes "-". */
    public String filename() {
        String number = invoiceNumber == null || invoiceNumber.isBlank() ? "draft" : invoiceNumber;
        return "invoice-" + number.replaceAll("[^A-Za-z0-9._-]", "-") + ".pdf";
    }
}
