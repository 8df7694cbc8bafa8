package io.billstream.platform.events.data;

/** A seller or bill-to block as snapshotted into an invoice when it is issued. */
public record PartyData(String name, String email, AddressData address, String taxId, String locale) {
}
