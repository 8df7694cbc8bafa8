package io.billstream.gateway.api;

/** Opens a tenant with its first (admin) user. Validated at the edge; the domain checks uniqueness and bcrypt's limit. */
public record SignUp(String organizationName, String username, String email, String password) {
}
