package io.billstream.document.documents.domain;

import java.time.Instant;
import java.util.Optional;

/** The one stored PDF of each credit note. */
public interface CreditNoteRenders {

    /**
     * @param noteJson the credit note as its event carried it, kept with the render
     * @return false when this credit note was rendered already (the unique key keeps a second render out)
     */
    boolean insert(String id, String tenantId, String creditNoteId, String invoiceId, String number, String noteJson,
                   byte[] content, String sha256, Instant createdAt);

    /** The stored PDF of a tenant's credit note, without its bytes. */
    Optional<StoredPdf> find(String tenantId, String creditNoteId);

    byte[] content(String renderId);

    /** The credit note as its event carried it (stored with its render), for documents made from it later. */
    Optional<String> noteJson(String tenantId, String creditNoteId);
}
