package io.billstream.platform.security;

import io.billstream.platform.idempotency.IdempotencyKey;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.billstream.platform.errors.ErrorCode;
import io.billstream.platform.web.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.Optional;

/**
 * Refuses every {@code /v1} call that lacks a valid internal token (401), and refuses writes by read-only
 * principals (403). Actuator and API-docs paths stay open for probes and the gateway's aggregation.
 */
public class InternalTokenFilter extends OncePerRequestFilter {

    public static final String CALLER_ATTRIBUTE = Caller.class.getName();

    private final InternalTokenService tokens;
    private final ObjectMapper mapper;

    public InternalTokenFilter(InternalTokenService tokens, ObjectMapper mapper) {
        this.tokens = tokens;
        this.mapper = mapper;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith("/v1/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<InternalTokenService.Verified> verified =
                tokens.verifyRequest(request.getHeader(InternalTokenService.HEADER));
        Optional<Caller> caller = verified.map(InternalTokenService.Verified::caller);
        if (caller.isEmpty()) {
            Problems.write(response, mapper, ErrorCode.UNAUTHENTICATED,
                    "A valid internal token is required; call through the gateway.", null);
            return;
        }
        if (!caller.get().canWrite() && !isSafe(request.getMethod())) {
            Problems.write(response, mapper, ErrorCode.FORBIDDEN,
                    "This principal may only read.", null);
            return;
        }
        request.setAttribute(CALLER_ATTRIBUTE, caller.get());
        if (verified.get().idempotencyKey() != null) {
            request.setAttribute(IdempotencyKey.ATTRIBUTE, verified.get().idempotencyKey());
        }
        if (verified.get().seenVersion() != null) {
            request.setAttribute(SeenVersion.ATTRIBUTE, verified.get().seenVersion());
        }
        chain.doFilter(request, response);
    }

    private static boolean isSafe(String method) {
        return HttpMethod.GET.matches(method) || HttpMethod.HEAD.matches(method) || HttpMethod.OPTIONS.matches(method);
    }
}
