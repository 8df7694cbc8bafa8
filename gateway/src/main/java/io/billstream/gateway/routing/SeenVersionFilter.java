package io.billstream.gateway.routing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.billstream.gateway.domain.Principal;
import io.billstream.gateway.persistence.SeenInvoiceVersions;
import io.billstream.gateway.web.AuthenticationFilter;
import io.billstream.platform.web.CachedBodyRequest;
import io.billstream.platform.security.SeenVersion;
import io.billstream.platform.errors.DomainException;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Read-your-writes from invoice-service to payment-service (issue 15): notes the version (ETag) of every
 * invoice a tenant is answered with after a change ({@code POST}/{@code PATCH} under {@code /v1/invoices/{id}}, and
 * {@code POST /v1/invoices}, which may create it issued), and
 * when the tenant then pays that invoice, hands the version to {@link ProxyFilter}, which signs it into the internal
 * token. payment-service, which learns of invoices only from events, then knows the client has seen e.g. the issued
 * invoice and answers "not yet" (503 + Retry-After) instead of "draft" (409) while that event is on its way.
 * The same goes for {@code POST /v1/invoices/{id}/send}: document-service waits for the version seen instead of
 * answering 409 for the draft (or 404 for nothing) it still has.
 */
public class SeenVersionFilter extends OncePerRequestFilter {

    /** Where the version waits for {@link ProxyFilter}. */
    public static final String FORWARDED = SeenVersionFilter.class.getName() + ".forwarded";
    private static final Pattern INVOICE_CHANGE = Pattern.compile("^/v1/invoices/(inv_[A-Za-z0-9]+)(/.*)?$");
    private static final String PAYMENTS = "/v1/payments";
    private static final String SEND = "/send";
    private static final String INVOICES = "/v1/invoices";
    private static final String DRAFT_VERSION = "\"1\"";
    private static final Logger log = LoggerFactory.getLogger(SeenVersionFilter.class);

    private final SeenInvoiceVersions versions;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final Duration keep;

    public SeenVersionFilter(SeenInvoiceVersions versions, ObjectMapper mapper, Clock clock, Duration keep) {
        this.versions = versions;
        this.mapper = mapper;
        this.clock = clock;
        this.keep = keep;
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
        String path = request.getRequestURI();
        if ("POST".equals(request.getMethod()) && PAYMENTS.equals(path)) {
            byte[] body;
            try {
                body = request.getInputStream().readAllBytes();
            } catch (DomainException e) {
                chain.doFilter(request, response);   // the proxy answers the size problem as before
                return;
            }
            seenVersionOf(tenant, body).ifPresent(seen -> request.setAttribute(FORWARDED, seen));
            chain.doFilter(new CachedBodyRequest(request, body), response);
            return;
        }
        Matcher invoice = INVOICE_CHANGE.matcher(path);
        if ("POST".equals(request.getMethod()) && invoice.matches() && SEND.equals(invoice.group(2))) {
            seenVersion(tenant, invoice.group(1)).ifPresent(seen -> request.setAttribute(FORWARDED, seen));
        }
        chain.doFilter(request, response);
        if (response.getStatus() < 200 || response.getStatus() >= 300) {
            return;
        }
        if (invoice.matches()) {
            note(tenant, invoice.group(1), response.getHeader(HttpHeaders.ETAG));
            return;
        }
        // A created invoice may already be issued ("issue": true), so payable at once: its id is in Location. A
        // draft (version 1) cannot be paid, so noting it would only cost a write.
        if (!INVOICES.equals(path)) {
            return;
        }
        String location = response.getHeader(HttpHeaders.LOCATION);
        String etag = response.getHeader(HttpHeaders.ETAG);
        Matcher created = location == null ? null : INVOICE_CHANGE.matcher(location);
        if (created != null && created.matches() && created.group(2) == null && !DRAFT_VERSION.equals(etag)) {
            note(tenant, created.group(1), etag);
        }
    }

    private Optional<SeenVersion> seenVersionOf(String tenant, byte[] body) {
        try {
            JsonNode invoiceId = mapper.readTree(body).path("invoiceId");
            return invoiceId.isTextual() ? seenVersion(tenant, invoiceId.asText()) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();   // payment-service judges the body; without a version it behaves as before
        }
    }

    private Optional<SeenVersion> seenVersion(String tenant, String invoiceId) {
        try {
            return versions.find(tenant, invoiceId, clock.instant().minus(keep))
                    .map(version -> new SeenVersion(invoiceId, version));
        } catch (DataAccessException e) {
            log.warn("could not read the version of invoice {} seen: {}", invoiceId, e.toString());
            return Optional.empty();   // the service then answers as it would without one
        }
    }

    private void note(String tenant, String invoiceId, String etag) {
        if (etag == null) {
            return;
        }
        try {
            long version = Long.parseLong(etag.replace("W/", "").replace("\"", "").trim());
            versions.note(tenant, invoiceId, version, clock.instant());
        } catch (NumberFormatException e) {
            // not a version tag
        } catch (DataAccessException e) {
            log.warn("could not note invoice {} at {}: {}", invoiceId, etag, e.toString());
        }
    }
}
