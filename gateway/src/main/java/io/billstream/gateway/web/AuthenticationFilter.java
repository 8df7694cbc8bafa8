package io.billstream.gateway.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.billstream.gateway.auth.Authenticator;
import io.billstream.gateway.domain.Principal;
import io.billstream.platform.web.ErrorCodes;
import io.billstream.platform.web.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
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
 */
public class AuthenticationFilter extends OncePerRequestFilter {

    public static final String PRINCIPAL_ATTRIBUTE = Principal.class.getName();
    private static final Set<String> PUBLIC = Set.of("/v1/signup", "/v1/login", "/v1/openapi.json",
            "/v1/graphql/schema");
    /** GraphQL queries are POSTs too: the GraphQL layer refuses mutations of read-only callers itself. */
    private static final String GRAPHQL = "/v1/graphql";
    /** Logging out changes state, but everyone may end their own session. */
    private static final String LOGOUT = "/v1/logout";
    private static final Duration RETRY_AFTER = Duration.ofSeconds(5);
    private static final Logger log = LoggerFactory.getLogger(AuthenticationFilter.class);

    private final Authenticator authenticator;
    private final ObjectMapper mapper;

    public AuthenticationFilter(Authenticator authenticator, ObjectMapper mapper) {
        this.authenticator = authenticator;
        this.mapper = mapper;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI();
        return !path.startsWith("/v1/") || PUBLIC.contains(path);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<Principal> principal;
        try {
            principal = authenticator.authenticate(request.getHeader(HttpHeaders.AUTHORIZATION));
        } catch (DataAccessException e) {
            // sessions and keys live in PostgreSQL: without it nobody can be authenticated (SPEC §2: 503)
            log.warn("cannot authenticate, database unavailable: {}", e.toString());
            Problems.write(response, mapper, HttpStatus.SERVICE_UNAVAILABLE, ErrorCodes.SERVICE_UNAVAILABLE,
                    "Authentication is unavailable; retry shortly.", RETRY_AFTER);
            return;
        }
        if (principal.isEmpty()) {
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
            Problems.write(response, mapper, HttpStatus.UNAUTHORIZED, ErrorCodes.UNAUTHENTICATED,
                    "A valid access token or API key is required (Authorization: Bearer ...).", null);
            return;
        }
        if (!principal.get().canWrite() && !isSafe(request.getMethod()) && !LOGOUT.equals(request.getRequestURI())
                && !GRAPHQL.equals(request.getRequestURI())) {
            Problems.write(response, mapper, HttpStatus.FORBIDDEN, ErrorCodes.FORBIDDEN,
                    "This user or key may only read.", null);
            return;
        }
        request.setAttribute(PRINCIPAL_ATTRIBUTE, principal.get());
        chain.doFilter(request, response);
    }

    public static Optional<Principal> principalOf(HttpServletRequest request) {
        return Optional.ofNullable((Principal) request.getAttribute(PRINCIPAL_ATTRIBUTE));
    }

    private static boolean isSafe(String method) {
        return HttpMethod.GET.matches(method) || HttpMethod.HEAD.matches(method) || HttpMethod.OPTIONS.matches(method);
    }
}
