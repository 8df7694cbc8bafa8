package io.billstream.gateway.routing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.billstream.gateway.domain.Principal;
import io.billstream.gateway.web.AuthenticationFilter;
import io.billstream.platform.web.CachedBodyRequest;

import io.billstream.platform.errors.DomainException;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.Optional;

/**
 * Read-your-writes from invoice-service to payment-service (issue 15): notes the version (ETag) of every
 * invoice a tenant is answered with after a change ({@code POST}/{@code PATCH} under {@code /v1/invoices/{id}}, and
 * {@code POST /v1/invoices}, which may create it issued), and
 * when the tenant then pays that invoice, hands the version to {@link ProxyFilter}, which signs it into the internal
 * token. payment-service, which learns of invoices only from events, then knows the client has seen e.g. the issued
 * invoice and answers "not yet" (503 + Retry-After) instead of "draft" (409) while that event is on its way.
 * The same goes for {@code POST /v1/invoices/{id}/send}: document-service waits for the version seen instead of
 * answering 409 for the draft (or 404 for nothing) it still has. The rule itself is {@link InvoiceVersionsSeen},
 * which GraphQL's mutations follow too.
 */
public class SeenVersionFilter extends OncePerRequestFilter {

    /** Where the version waits for {@link ProxyFilter}. */
    public static final String FORWARDED = SeenVersionFilter.class.getName() + ".forwarded";

    private final InvoiceVersionsSeen seen;
    private final ObjectMapper mapper;

    public SeenVersionFilter(InvoiceVersionsSeen seen, ObjectMapper mapper) {
        this.seen = seen;
        this.mapper = mapper;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String method = request.getMethod();
        return !("POST".equals(method) || "PATCH".equals(method));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<Principal> principal = AuthenticationFilter.principalOf(request);
        if (principal.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        String tenant = principal.get().tenantId().value();
        String method = request.getMethod();
        String path = request.getRequestURI();
        HttpServletRequest forwarded = request;
        byte[] body = null;
        if (InvoiceVersionsSeen.isPayment(method, path)) {
            try {
                body = request.getInputStream().readAllBytes();
            } catch (DomainException e) {
                chain.doFilter(request, response);   // the proxy answers the size problem as before
                return;
            }
            forwarded = new CachedBodyRequest(request, body);
        }
        byte[] read = body;
        seen.carried(tenant, method, path, () -> invoiceIdOf(read))
                .ifPresent(version -> request.setAttribute(FORWARDED, version));
        chain.doFilter(forwarded, response);
        seen.answered(tenant, method, path, response.getStatus(), response.getHeader(HttpHeaders.ETAG),
                response.getHeader(HttpHeaders.LOCATION));
    }

    private String invoiceIdOf(byte[] body) {
        try {
            JsonNode invoiceId = mapper.readTree(body).path("invoiceId");
            return invoiceId.isTextual() ? invoiceId.asText() : null;
        } catch (IOException | RuntimeException e) {
            return null;   // payment-service judges the body; without a version it behaves as before
        }
    }
}
