package io.billstream.gateway.web;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

public record SignupRequest(
        @NotBlank @Size(max = 200) String organizationName,
        @NotNull @Pattern(regexp = Accounts.USERNAME, message = Accounts.USERNAME_MESSAGE) String username,
        @NotBlank @Size(max = 254) @Pattern(regexp = Accounts.EMAIL, message = "must be an email address") String email,
        @NotNull @Size(min = 12, message = "must be at least 12 characters") String password) {
}
