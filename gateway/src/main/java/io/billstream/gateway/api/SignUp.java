package io.billstream.gateway.api;

/** Opens a tenant with its first (admin) user; the domain checks uniqueness and bcrypt's 72-byte limit. */
public record SignUp(String organizationName, String username, String email, String password) {
}
