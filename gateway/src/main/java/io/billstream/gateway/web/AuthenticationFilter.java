package io.billstream.gateway.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.billstream.gateway.domain.Authenticator;
import io.billstream.gateway.domain.CsrfTokens;
import io.billstream.gateway.domain.Principal;
import io.billstream.platform.errors.ErrorCode;
import io.billstream.platform.web.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * Every {@code /v1} path except signup, login, the OpenAPI document and the GraphQL schema needs a valid access token or API key (401);
 * viewers and read-only keys may not change state (403). Role checks finer than that live in the controllers.
 * Without an {@code Authorization} header, the dashboard's HttpOnly session cookie authenticates a user too, and
 * then every state-changing request must carry the session's CSRF token in {@code X-CSRF-Token} (403 otherwise).
 */
public class AuthenticationFilter extends OncePerRequestFilter {

    public static final String PRINCIPAL_ATTRIBUTE = Principal.class.getName();
    private static final Set<String> PUBLIC = Set.of("/v1/signup", "/v1/login", "/v1/openapi.json",
            "/v1/graphql/schema");
    /** GraphQL queries are POSTs too: the GraphQL layer refuses mutations of read-only callers itself. */
    private static final String GRAPHQL = "/v1/graphql";
    /** Logging out changes state, but everyone may end their own session. */
    private static final String LOGOUT = "/v1/logout";
    private static final String SESSION = "/v1/session";
    public static final String CSRF_HEADER = "X-CSRF-Token";
    private static final Duration RETRY_AFTER = Duration.ofSeconds(5);
    private static final Logger log = LoggerFactory.getLogger(AuthenticationFilter.class);

    private final Authenticator authenticator;
    private final ObjectMapper mapper;
    private final CsrfTokens csrf;

    public AuthenticationFilter(Authenticator authenticator, ObjectMapper mapper, CsrfTokens csrf) {
        this.authenticator = authenticator;
        this.mapper = mapper;
        this.csrf = csrf;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI();
        // POST /v1/session logs in; reading or ending a session needs one
        return !path.startsWith("/v1/") || PUBLIC.contains(path)
                || (SESSION.equals(path) && HttpMethod.POST.matches(request.getMethod()));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<Principal> principal;
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        String cookie = authorization == null ? sessionCookie(request) : null;
        try {
            principal = cookie == null ? authenticator.authenticate(authorization)
                    // the cookie only ever holds a user access token, never an API key
                    : authenticator.authenticate("Bearer " + cookie).filter(Principal::isUser);
        } catch (DataAccessException e) {
            // sessions and keys live in PostgreSQL: without it nobody can be authenticated (503)
            log.warn("cannot authenticate, database unavailable: {}", e.toString());
            Problems.write(response, mapper, ErrorCode.SERVICE_UNAVAILABLE,
                    "Authentication is unavailable; retry shortly.", RETRY_AFTER);
            return;
        }
        if (principal.isEmpty()) {
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
            Problems.write(response, mapper, ErrorCode.UNAUTHENTICATED,
                    "A valid access token or API key is required (Authorization: Bearer ...).", null);
            return;
        }
        if (cookie != null && !isSafe(request.getMethod())
                && !csrf.matches(principal.get().tokenId(), request.getHeader(CSRF_HEADER))) {
            Problems.write(response, mapper, ErrorCode.FORBIDDEN,
                    "A cookie session must send its CSRF token in " + CSRF_HEADER + ".", null);
            return;
        }
        if (!principal.get().canWrite() && !isSafe(request.getMethod()) && !LOGOUT.equals(request.getRequestURI())
                && !GRAPHQL.equals(request.getRequestURI())
                && !(SESSION.equals(request.getRequestURI()) && HttpMethod.DELETE.matches(request.getMethod()))) {
            Problems.write(response, mapper, ErrorCode.FORBIDDEN,
                    "This user or key may only read.", null);
            return;
        }
        request.setAttribute(PRINCIPAL_ATTRIBUTE, principal.get());
        chain.doFilter(request, response);
    }

    public static Optional<Principal> principalOf(HttpServletRequest request) {
        return Optional.ofNullable((Principal) request.getAttribute(PRINCIPAL_ATTRIBUTE));
    }

    private static String sessionCookie(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies != null) {
            for (Cookie c : cookies) {
                if (SessionController.COOKIE.equals(c.getName()) && c.getValue() != null && !c.getValue().isBlank()) {
                    return c.getValue();
                }
            }
        }
        return null;
    }

    private static boolean isSafe(String method) {
        return HttpMethod.GET.matches(method) || HttpMethod.HEAD.matches(method) || HttpMethod.OPTIONS.matches(method);
    }
}
