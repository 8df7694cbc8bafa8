package io.billstream.invoice.settings.web;

import com.fasterxml.jackson.annotation.JsonCreator;
import io.billstream.invoice.customers.web.CustomerAddress;
import io.billstream.invoice.customers.web.CustomerConstraints;
import io.billstream.platform.events.data.PartyData;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * The seller block of the settings; {@code taxId} (a national tax number) and the EN 16931 fields of API contract §14 are
 * optional: {@code vatId} (VAT identification number, e.g. DE123456789), {@code iban} and {@code bic} (the account
 * an e-invoice names for credit transfers), {@code contactPhone} (the seller contact XRechnung requires). Blank values are stored as absent; IBAN and BIC are kept upper case
 * without spaces.
 */
public record SettingsSeller(
        @NotBlank @Size(max = 200) String name,
        @NotBlank @Size(max = 254) @Email(regexp = CustomerConstraints.EMAIL_PATTERN) String email,
        @NotNull @Valid CustomerAddress address,
        @Size(max = 100) String taxId,
        @SettingsConstraints.VatId String vatId,
        @SettingsConstraints.Iban String iban,
        @SettingsConstraints.Bic String bic,
        @Size(max = 50) @jakarta.validation.constraints.Pattern(regexp = "\\+?[0-9 ()/.-]{3,50}",
                message = "must be a telephone number such as +49 30 1234567") String contactPhone) {

    @JsonCreator
    public SettingsSeller {
    }

    public SettingsSeller(String name, String email, CustomerAddress address, String taxId) {
        this(name, email, address, taxId, null, null, null, null);
    }

    public PartyData toParty(String locale) {
        return new PartyData(name, email, address.toData(), taxId, locale, SettingsConstraints.compact(vatId),
                SettingsConstraints.compact(iban), SettingsConstraints.compact(bic), null,
                contactPhone == null || contactPhone.isBlank() ? null : contactPhone.strip());
    }

    public static SettingsSeller from(PartyData party) {
        return new SettingsSeller(party.name(), party.email(), CustomerAddress.from(party.address()), party.taxId(),
                party.vatId(), party.iban(), party.bic(), party.contactPhone());
    }
}
