package io.billstream.platform.security;

/**
 * The tenant and principal of a request, as vouched for by the gateway's internal token. Services take the
 * tenant only from here, never from the request body or path.
 *
 * @param organizationName the tenant's organization as given at signup (the default seller name, docs/api-reference.md §4)
 * @param canWrite         false for viewer users and read_only keys (the gateway refuses their writes already;
 *                         services check again so a direct call cannot write either)
 */
public record Caller(TenantId tenantId, Actor actor, String organizationName, boolean canWrite) {

    public String tenant() {
        return tenantId.value();
    }
}
