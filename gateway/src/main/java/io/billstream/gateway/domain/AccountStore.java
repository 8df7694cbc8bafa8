package io.billstream.gateway.domain;

import io.billstream.platform.paging.KeysetCursor;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Tenants and their users. Usernames and emails are compared case-insensitively. */
public interface AccountStore {

    void insertTenant(String id, String organizationName, Instant now);

    /**
     * @throws io.billstream.platform.errors.DomainException a duplicate username or email, when another request
     *                                                       took it between the check and the insert
     */
    void insertUser(User user);

    boolean usernameTaken(String username);

    boolean emailTaken(String email);

    /** By username or email, case-insensitively. */
    Optional<User> findByLogin(String login);

    Optional<User> findUser(String tenantId, String userId);

    /** Newest first, after {@code after} (null for the first page). */
    List<User> listUsers(String tenantId, KeysetCursor after, int limit);

    /** The user behind an access token, unless that token was logged out. */
    Optional<SessionUser> findSessionUser(String tenantId, String userId, String jti);

    record SessionUser(Role role, String organizationName) {
    }
}
