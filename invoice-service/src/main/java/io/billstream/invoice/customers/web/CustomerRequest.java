package io.billstream.invoice.customers.web;

import com.fasterxml.jackson.annotation.JsonCreator;
import io.billstream.invoice.customers.domain.CustomerDetails;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import java.util.Locale;
import java.util.Map;

/** The body of POST /v1/customers, and the whole document a PATCH is merged into. */
public record CustomerRequest(
        @NotBlank @Size(min = 1, max = 200) String name,
        @NotBlank @Size(max = 254) @Email(regexp = CustomerConstraints.EMAIL_PATTERN) String email,
        @Valid CustomerAddress address,
        @Size(max = 100) String taxId,
        @CustomerConstraints.LanguageTag String locale,
        @CustomerConstraints.Metadata Map<String, String> metadata,
        @Size(max = 200) String buyerReference) {

    @JsonCreator
    public CustomerRequest {
    }

    public CustomerRequest(String name, String email, CustomerAddress address, String taxId, String locale,
                           Map<String, String> metadata) {
        this(name, email, address, taxId, locale, metadata, null);
    }

    /** Locales are kept in their canonical form ({@code de-de} → {@code de-DE}). */
    public CustomerDetails toDetails() {
        return new CustomerDetails(name, email, address == null ? null : address.toData(), taxId,
                locale == null ? null : Locale.forLanguageTag(locale).toLanguageTag(), metadata,
                buyerReference == null || buyerReference.isBlank() ? null : buyerReference);
    }

    public static CustomerRequest from(CustomerDetails details) {
        return new CustomerRequest(details.name(), details.email(), CustomerAddress.from(details.address()),
                details.taxId(), details.locale(), details.metadata(), details.buyerReference());
    }
}
