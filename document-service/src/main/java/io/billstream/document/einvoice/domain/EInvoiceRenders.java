package io.billstream.document.einvoice.domain;

import java.time.Instant;
import java.util.Optional;

/** The newest e-invoice of each document and syntax, with its bytes; persistence implements it. */
public interface EInvoiceRenders {

    /** A stored e-invoice without its bytes (a 304 never reads them). */
    record Stored(String id, String number, String sourceSha256, String sha256, long sizeBytes) {
    }

    Optional<Stored> find(String tenantId, String documentId, String syntax);

    /**
     * Stores a render, replacing an older one of the same document and syntax. Two instances rendering the same
     * source at once both write identical bytes, so whichever lands last changes nothing a client can see.
     */
    void save(String id, String tenantId, String documentId, String syntax, String number, String sourceSha256,
              byte[] content, String sha256, Instant now);

    byte[] content(String id);
}
