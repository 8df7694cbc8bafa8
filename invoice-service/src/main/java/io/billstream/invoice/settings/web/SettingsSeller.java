package io.billstream.invoice.settings.web;

import io.billstream.invoice.customers.web.CustomerAddress;
import io.billstream.invoice.customers.web.CustomerConstraints;
import io.billstream.platform.events.data.PartyData;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** The seller block of the settings; only {@code taxId} is optional (API contract §4). */
public record SettingsSeller(
        @NotBlank @Size(max = 200) String name,
        @NotBlank @Size(max = 254) @Email(regexp = CustomerConstraints.EMAIL_PATTERN) String email,
        @NotNull @Valid CustomerAddress address,
        @Size(max = 100) String taxId) {

    public PartyData toParty(String locale) {
        return new PartyData(name, email, address.toData(), taxId, locale);
    }

    public static SettingsSeller from(PartyData party) {
        return new SettingsSeller(party.name(), party.email(), CustomerAddress.from(party.address()), party.taxId());
    }
}
