package io.billstream.gateway.api;

/**
 * @param login   a username or an email
 * @param address the client's address, which the login throttle counts failures by
 */
public record LogIn(String login, String password, String address) {
}
