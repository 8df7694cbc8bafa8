package io.billstream.gateway.web;

import java.time.Instant;

/**
 * A browser session (the dashboard's): who is signed in and the CSRF token every cookie-authenticated write must
 * echo in {@code X-CSRF-Token}. The access token itself travels only in the HttpOnly cookie, never in a body.
 */
public record SessionView(String tenantId, String organizationName, UserView user, String csrfToken,
                          Instant expiresAt) {
}
