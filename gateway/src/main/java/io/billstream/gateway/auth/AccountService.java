package io.billstream.gateway.auth;

import io.billstream.gateway.api.CreateUserRequest;
import io.billstream.gateway.api.LoginRequest;
import io.billstream.gateway.api.LoginResponse;
import io.billstream.gateway.api.Page;
import io.billstream.gateway.api.SignupRequest;
import io.billstream.gateway.api.SignupResponse;
import io.billstream.gateway.api.UserView;
import io.billstream.gateway.domain.Principal;
import io.billstream.gateway.domain.Role;
import io.billstream.gateway.persistence.AccountRepository;
import io.billstream.gateway.persistence.PageCursor;
import io.billstream.gateway.persistence.RevokedTokenRepository;
import io.billstream.gateway.persistence.UserRow;
import io.billstream.platform.ids.Ids;
import io.billstream.platform.errors.DomainException;
import io.billstream.platform.errors.ErrorCode;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

@Service
public class AccountService {

    /** bcrypt reads at most 72 bytes; longer passwords would be silently truncated, so they are refused. */
    private static final int MAX_PASSWORD_BYTES = 72;

    private final AccountRepository accounts;
    private final RevokedTokenRepository revokedTokens;
    private final PasswordEncoder passwords;
    private final AccessTokens accessTokens;
    private final LoginThrottle throttle;
    private final TransactionTemplate tx;
    private final Clock clock;
    /** Checked against for unknown logins, so they cost the same time as a wrong password. */
    private final String dummyHash;

    public AccountService(AccountRepository accounts, RevokedTokenRepository revokedTokens, PasswordEncoder passwords,
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

    public SignupResponse signup(SignupRequest request) {
        checkPasswordLength(request.password());
        String username = request.username().toLowerCase(Locale.ROOT);
        String email = request.email().trim();
        String hash = passwords.encode(request.password());
        Instant now = now();
        String tenantId = Ids.newId("ten");
        UserRow user = new UserRow(Ids.newId("usr"), tenantId, username, email, hash, Role.ADMIN, now);
        tx.executeWithoutResult(status -> {
            ensureFree(username, email);
            accounts.insertTenant(tenantId, request.organizationName().trim(), now);
            insertUser(user);
        });
        return new SignupResponse(tenantId, UserView.of(user));
    }

    public LoginResponse login(LoginRequest request, String address) {
        String login = request.login().trim().toLowerCase(Locale.ROOT);
        throttle.checkAllowed(login, address);
        Optional<UserRow> user = accounts.findByLogin(login);
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
        AccessTokens.Issued token = accessTokens.issue(user.get().tenantId(), user.get().id());
        return new LoginResponse(token.token(), "Bearer", token.expiresAt());
    }

    public void logout(Principal principal) {
        if (!principal.isUser()) {
            throw new DomainException(ErrorCode.FORBIDDEN,
                    "API keys do not log out; revoke the key with DELETE /v1/api-keys/{id}.");
        }
        revokedTokens.revoke(principal.tokenId(), principal.expiresAt());
    }

    public UserView createUser(Principal principal, CreateUserRequest request) {
        requireAdminUser(principal);
        checkPasswordLength(request.password());
        String username = request.username().toLowerCase(Locale.ROOT);
        String email = request.email().trim();
        UserRow user = new UserRow(Ids.newId("usr"), principal.tenantId().value(), username, email,
                passwords.encode(request.password()), Role.fromWire(request.role()), now());
        tx.executeWithoutResult(status -> {
            ensureFree(username, email);
            insertUser(user);
        });
        return UserView.of(user);
    }

    public Page<UserView> listUsers(Principal principal, int limit, String cursor) {
        requireUser(principal);
        Paging.checkLimit(limit);
        List<UserRow> rows = accounts.listUsers(principal.tenantId().value(),
                cursor == null ? null : PageCursor.decode(cursor), limit + 1);
        return Paging.page(rows, limit, UserView::of, row -> new PageCursor(row.createdAt(), row.id()));
    }

    public UserView getUser(Principal principal, String id) {
        requireUser(principal);
        return accounts.findUser(principal.tenantId().value(), id).map(UserView::of)
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

    /** The unique indexes decide when two requests race for the same name. */
    private void insertUser(UserRow user) {
        try {
            accounts.insertUser(user);
        } catch (DuplicateKeyException e) {
            String message = String.valueOf(e.getMessage());
            if (message.contains("app_user_email_key")) {
                throw DomainException.of(ErrorCode.DUPLICATE_EMAIL, "That email is already registered.");
            }
            throw DomainException.of(ErrorCode.DUPLICATE_USERNAME, "That username is taken.");
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
