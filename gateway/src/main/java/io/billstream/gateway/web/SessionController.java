package io.billstream.gateway.web;

import io.billstream.gateway.domain.AccessTokens;
import io.billstream.gateway.api.LogIn;
import io.billstream.gateway.domain.AccountService;
import io.billstream.gateway.domain.AccountStore;
import io.billstream.gateway.domain.CsrfTokens;
import io.billstream.gateway.domain.Principal;
import io.billstream.platform.errors.DomainException;
import io.billstream.platform.errors.ErrorCode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseCookie;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.Duration;

/**
 * Cookie sessions for the web dashboard (docs/dashboard.md): the same login as {@code POST /v1/login}, but the
 * access token is set as an HttpOnly, SameSite=Strict cookie (Secure over HTTPS) instead of being returned, so no
 * script can read it; the body carries the session's CSRF token instead. Bearer auth is unchanged for API clients.
 */
@RestController
public class SessionController {

    public static final String COOKIE = "billstream_session";

    private final AccountService accounts;
    private final AccountStore users;
    private final AccessTokens accessTokens;
    private final CsrfTokens csrf;
    private final Clock clock;

    public SessionController(AccountService accounts, AccountStore users, AccessTokens accessTokens,
                             CsrfTokens csrf, Clock clock) {
        this.accounts = accounts;
        this.users = users;
        this.accessTokens = accessTokens;
        this.csrf = csrf;
        this.clock = clock;
    }

    @PostMapping(path = "/v1/session", consumes = MediaType.APPLICATION_JSON_VALUE)
    @SecurityRequirements
    @Operation(summary = "Log in for the web dashboard: sets an HttpOnly session cookie and returns a CSRF token")
    public ResponseEntity<SessionView> create(@Valid @RequestBody LoginRequest request, HttpServletRequest http) {
        AccessTokens.Issued login = accounts.login(
                new LogIn(request.login(), request.password(), http.getRemoteAddr()));
        AccessTokens.Verified claims = accessTokens.verify(login.token())
                .orElseThrow(() -> new IllegalStateException("a token just issued does not verify"));
        ResponseCookie cookie = cookie(http, login.token(),
                Duration.between(clock.instant(), login.expiresAt()));
        return ResponseEntity.ok().header(HttpHeaders.SET_COOKIE, cookie.toString())
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(view(claims.tenantId(), claims.userId(), claims.jti(), login.expiresAt()));
    }

    @GetMapping("/v1/session")
    @Operation(summary = "The current user session, with its CSRF token")
    public ResponseEntity<SessionView> current(@Parameter(hidden = true) Principal principal) {
        if (!principal.isUser()) {
            throw new DomainException(ErrorCode.FORBIDDEN, "API keys have no session.");
        }
        return ResponseEntity.ok().header(HttpHeaders.CACHE_CONTROL, "no-store").body(
                view(principal.tenantId().value(), principal.actor().id(), principal.tokenId(), principal.expiresAt()));
    }

    @DeleteMapping("/v1/session")
    @Operation(summary = "Log out: revokes the session's token and clears the cookie")
    public ResponseEntity<Void> delete(@Parameter(hidden = true) Principal principal, HttpServletRequest http) {
        accounts.logout(principal);
        return ResponseEntity.noContent().header(HttpHeaders.SET_COOKIE, cookie(http, "", Duration.ZERO).toString())
                .build();
    }

    private SessionView view(String tenantId, String userId, String jti, java.time.Instant expiresAt) {
        var user = users.findUser(tenantId, userId).orElseThrow(() -> DomainException.notFound("User"));
        String organization = users.findSessionUser(tenantId, userId, jti)
                .map(AccountStore.SessionUser::organizationName).orElse(null);
        return new SessionView(tenantId, organization, UserView.of(user), csrf.tokenFor(jti), expiresAt);
    }

    private static ResponseCookie cookie(HttpServletRequest http, String value, Duration maxAge) {
        return ResponseCookie.from(COOKIE, value).httpOnly(true).secure(http.isSecure()).sameSite("Strict")
                .path("/").maxAge(maxAge).build();
    }
}
