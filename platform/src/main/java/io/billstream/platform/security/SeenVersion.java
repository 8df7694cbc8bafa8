package io.billstream.platform.security;

/**
 * A read-your-writes token across services: the caller has already seen this resource at this version (the gateway
 * noted it from an answer it passed on, e.g. {@code POST /v1/invoices/{id}/issue} → {@code ETag: "3"}). A service
 * that learns of the resource from events and has not yet reached that version must say "not yet" (503 with
 * {@code Retry-After}) rather than answer from its older copy (docs/api-reference.md §6: never tell a client its issued invoice is a
 * draft). Travels signed inside the internal token.
 */
public record SeenVersion(String id, long version) {

    public static final String ATTRIBUTE = "io.billstream.platform.security.SeenVersion";

    /** The version of {@code id} the caller has seen; 0 when {@code seen} is null or names another resource. */
    public static long of(SeenVersion seen, String id) {
        return seen != null && seen.id().equals(id) ? seen.version() : 0;
    }
}
