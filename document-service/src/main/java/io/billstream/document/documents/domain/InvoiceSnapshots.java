package io.billstream.document.documents.domain;

import java.util.Optional;

/** The newest snapshot of each invoice, as its events carried it. */
public interface InvoiceSnapshots {

    /**
     * Stores the snapshot unless one of the same or a newer version is already there (events may arrive late or
     * twice). True when this snapshot is now the newest.
     */
    boolean saveIfNewer(SnapshotRow row);

    Optional<SnapshotRow> find(String tenantId, String invoiceId);
}
