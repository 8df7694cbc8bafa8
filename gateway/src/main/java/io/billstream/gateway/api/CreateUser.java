package io.billstream.gateway.api;

/** @param role {@code admin} or {@code viewer}, as on the wire */
public record CreateUser(String username, String email, String password, String role) {
}
