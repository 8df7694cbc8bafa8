package io.billstream.platform.events.data;

import com.fasterxml.jackson.annotation.JsonCreator;

/**
 * A seller or bill-to block as snapshotted into an invoice when it is issued. The EN 16931 fields (API contract §14) were
 * added later and are null in older events: {@code vatId}, {@code iban} and {@code bic} are the seller's (settings);
 * {@code buyerReference} (e.g. a Leitweg-ID) is on the bill-to block, the invoice's own or else the customer's;
 * {@code contactPhone} is the seller's contact telephone (XRechnung requires one).
 */
public record PartyData(String name, String email, AddressData address, String taxId, String locale, String vatId,
                        String iban, String bic, String buyerReference, String contactPhone) {

    /** Explicit, because the record has a second constructor and Jackson must keep using this one. */
    @JsonCreator
    public PartyData {
    }

    /** The shape before the e-invoice fields. */
    public PartyData(String name, String email, AddressData address, String taxId, String locale) {
        this(name, email, address, taxId, locale, null, null, null, null, null);
    }

    public PartyData withBuyerReference(String reference) {
        return new PartyData(name, email, address, taxId, locale, vatId, iban, bic, reference, contactPhone);
    }
}
