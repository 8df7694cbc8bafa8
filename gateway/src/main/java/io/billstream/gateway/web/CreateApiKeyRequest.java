package io.billstream.gateway.web;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

public record CreateApiKeyRequest(
        @NotBlank @Size(max = 200) String name,
        @NotNull @Pattern(regexp = Accounts.SCOPE, message = "must be read_write or read_only") String scope) {
}
