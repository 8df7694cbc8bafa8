package io.billstream.platform.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.billstream.platform.errors.DomainException;
import io.billstream.platform.idempotency.IdempotencyKey;
import io.billstream.platform.idempotency.IdempotentRequestFilter;
import io.billstream.platform.web.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpMethod;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/**
 * A POST that carries an Idempotency-Key runs in one transaction from its first filter on
 * ({@link IdempotentRequestFilter}), so a handler's read-your-writes wait (a payment or a send right after the issue,
 * up to two seconds) held a pooled connection and the key's row all along: a burst of them could drain the pool and
 * stall every other request of the service. This filter does that wait first, before the transaction opens, through
 * the service's {@link SeenVersionArrival}; once the version is there the handler's own check passes at once. When
 * the wait runs out, the answer is the service's {@code service_unavailable}, which the idempotency record does not
 * keep (a 5xx), so the client's retry runs afresh. Requests without a key already wait outside any transaction.
 */
public class SeenVersionWaitFilter extends OncePerRequestFilter {

    public static final int ORDER = IdempotentRequestFilter.ORDER - 1;

    private final SeenVersionArrival arrival;
    private final ObjectMapper mapper;

    public SeenVersionWaitFilter(SeenVersionArrival arrival, ObjectMapper mapper) {
        this.arrival = arrival;
        this.mapper = mapper;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !HttpMethod.POST.matches(request.getMethod())
                || !(request.getAttribute(IdempotencyKey.ATTRIBUTE) instanceof IdempotencyKey)
                || !(request.getAttribute(SeenVersion.ATTRIBUTE) instanceof SeenVersion)
                || !(request.getAttribute(InternalTokenFilter.CALLER_ATTRIBUTE) instanceof Caller);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            arrival.await((Caller) request.getAttribute(InternalTokenFilter.CALLER_ATTRIBUTE),
                    (SeenVersion) request.getAttribute(SeenVersion.ATTRIBUTE));
        } catch (DomainException e) {
            Problems.write(response, mapper, e);
            return;
        }
        chain.doFilter(request, response);
    }
}
