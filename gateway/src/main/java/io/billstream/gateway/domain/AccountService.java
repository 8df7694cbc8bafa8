package io.billstream.gateway.domain;

import io.billstream.gateway.api.CreateUser;
import io.billstream.gateway.api.LogIn;
import io.billstream.gateway.api.SignUp;
import io.billstream.platform.errors.DomainException;
import io.billstream.platform.errors.ErrorCode;
import io.billstream.platform.ids.Ids;
import io.billstream.platform.paging.KeysetCursor;
import io.billstream.platform.paging.Page;
import io.billstream.platform.paging.PageLimit;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

@Service
public class AccountService {

    /** bcrypt reads at most 72 bytes; longer passwords would be silently truncated, so they are refused. */
    private static final int MAX_PASSWORD_BYTES = 72;

    private final AccountStore accounts;
    private final RevokedTokens revokedTokens;
    private final PasswordEncoder passwords;
    private final AccessTokens accessTokens;
    private final LoginThrottle throttle;
    private final TransactionTemplate tx;
    private final Clock clock;
    /** Checked against for unknown logins, so they cost the same time as a wrong password. */
    private final String dummyHash;

    public AccountService(AccountStore accounts, RevokedTokens revokedTokens, PasswordEncoder passwords,
                          AccessTokens accessTokens, LoginThrottle throttle, TransactionTemplate tx, Clock clock) {
        this.accounts = accounts;
        this.revokedTokens = revokedTokens;
        this.passwords = passwords;
        this.accessTokens = accessTokens;
        this.throttle = throttle;
        this.tx = tx;
        this.clock = clock;
        this.dummyHash = passwords.encode(UUID.randomUUID().toString());
    }

    /** @return the new tenant's first user, an admin */
    public User signup(SignUp request) {
        checkPasswordLength(request.password());
        String username = request.username().toLowerCase(Locale.ROOT);
        String email = request.email().trim();
        String hash = passwords.encode(request.password());
        Instant now = now();
        String tenantId = Ids.newId("ten");
        User user = new User(Ids.newId("usr"), tenantId, username, email, hash, Role.ADMIN, now);
        tx.executeWithoutResult(status -> {
            ensureFree(username, email);
            accounts.insertTenant(tenantId, request.organizationName().trim(), now);
            accounts.insertUser(user);
        });
        return user;
    }

    public AccessTokens.Issued login(LogIn request) {
        String address = request.address();
        String login = request.login().trim().toLowerCase(Locale.ROOT);
        throttle.checkAllowed(login, address);
        Optional<User> user = accounts.findByLogin(login);
        boolean tooLong = request.password().getBytes(StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES;
        String candidate = tooLong ? "" : request.password();
        boolean matches;
        if (user.isPresent()) {
            matches = passwords.matches(candidate, user.get().passwordHash()) && !tooLong;
        } else {
            passwords.matches(candidate, dummyHash);
            matches = false;
        }
        if (!matches) {
            throttle.failed(login, address);
            throw new DomainException(ErrorCode.UNAUTHENTICATED, "Invalid login or password.");
        }
        throttle.succeeded(login);
        return accessTokens.issue(user.get().tenantId(), user.get().id());
    }

    public void logout(Principal principal) {
        if (!principal.isUser()) {
            throw new DomainException(ErrorCode.FORBIDDEN,
                    "API keys do not log out; revoke the key with DELETE /v1/api-keys/{id}.");
        }
        revokedTokens.revoke(principal.tokenId(), principal.expiresAt());
    }

    public User createUser(Principal principal, CreateUser request) {
        requireAdminUser(principal);
        checkPasswordLength(request.password());
        String username = request.username().toLowerCase(Locale.ROOT);
        String email = request.email().trim();
        User user = new User(Ids.newId("usr"), principal.tenantId().value(), username, email,
                passwords.encode(request.password()), Role.fromWire(request.role()), now());
        tx.executeWithoutResult(status -> {
            ensureFree(username, email);
            accounts.insertUser(user);
        });
        return user;
    }

    public Page<User> listUsers(Principal principal, int limit, String cursor) {
        requireUser(principal);
        PageLimit.check(limit);
        return Page.of(accounts.listUsers(principal.tenantId().value(), KeysetCursor.decode(cursor),
                Page.fetchSize(limit)), limit, user -> user,
                user -> new KeysetCursor(user.createdAt(), user.id()).encode());
    }

    public User getUser(Principal principal, String id) {
        requireUser(principal);
        return accounts.findUser(principal.tenantId().value(), id)
                .orElseThrow(() -> DomainException.notFound("User"));
    }

    private void ensureFree(String username, String email) {
        if (accounts.usernameTaken(username)) {
            throw DomainException.of(ErrorCode.DUPLICATE_USERNAME, "That username is taken.");
        }
        if (accounts.emailTaken(email)) {
            throw DomainException.of(ErrorCode.DUPLICATE_EMAIL, "That email is already registered.");
        }
    }

    private static void checkPasswordLength(String password) {
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES) {
            throw DomainException.validation("password", "must be at most " + MAX_PASSWORD_BYTES + " bytes");
        }
    }

    static void requireUser(Principal principal) {
        if (!principal.isUser()) {
            throw new DomainException(ErrorCode.FORBIDDEN, "API keys cannot manage users or keys.");
        }
    }

    static void requireAdminUser(Principal principal) {
        requireUser(principal);
        if (!principal.isAdminUser()) {
            throw new DomainException(ErrorCode.FORBIDDEN, "Only admins may do this.");
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
