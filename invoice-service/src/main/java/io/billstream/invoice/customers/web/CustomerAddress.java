package io.billstream.invoice.customers.web;

import io.billstream.platform.events.data.AddressData;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** A postal address as clients send it (customers, and the seller in settings). */
public record CustomerAddress(
        @NotBlank @Size(max = 200) String line1,
        @Size(max = 200) String line2,
        @NotBlank @Size(max = 200) String city,
        @Size(max = 200) String region,
        @NotBlank @Size(max = 20) String postalCode,
        @NotBlank @CustomerConstraints.Country String country) {

    public AddressData toData() {
        return new AddressData(line1, line2, city, region, postalCode, country);
    }

    public static CustomerAddress from(AddressData data) {
        return data == null ? null : new CustomerAddress(data.line1(), data.line2(), data.city(), data.region(),
                data.postalCode(), data.country());
    }
}
