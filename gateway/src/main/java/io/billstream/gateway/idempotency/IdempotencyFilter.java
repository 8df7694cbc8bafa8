package io.billstream.gateway.idempotency;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.billstream.gateway.GatewayProperties;
import io.billstream.gateway.domain.Principal;
import io.billstream.gateway.persistence.IdempotencyRepository;
import io.billstream.gateway.web.AuthenticationFilter;
import io.billstream.platform.web.CachedBodyRequest;
import io.billstream.platform.idempotency.IdempotencyKey;
import io.billstream.platform.idempotency.StoredResponseRedactor;
import io.billstream.platform.errors.DomainException;
import io.billstream.platform.errors.ErrorCode;
import io.billstream.platform.errors.FieldViolation;
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
import org.springframework.web.util.ContentCachingResponseWrapper;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Idempotency-Key on every authenticated POST, routed or the gateway's own, scoped per tenant. The key is
 * claimed first (a row "in progress", committed at once), so a concurrent duplicate sees it and gets 409
 * {@code idempotency_key_in_use} instead of running twice. The finished response (status, body and the headers that
 * describe it) is stored before it is sent; 5xx and 429 answers are not kept, so the client may retry them.
 * Signup keys share a scope of their own (no tenant yet); login, naturally repeatable, ignores the header.
 */
public class IdempotencyFilter extends OncePerRequestFilter {

    public static final String HEADER = "Idempotency-Key";
    public static final String REPLAYED = "Idempotent-Replayed";
    private static final int MAX_KEY_LENGTH = 255;
    private static final List<String> KEPT_HEADERS = List.of(HttpHeaders.CONTENT_TYPE, HttpHeaders.LOCATION,
            HttpHeaders.ETAG, HttpHeaders.LAST_MODIFIED, HttpHeaders.CONTENT_DISPOSITION);
    /**
     * Where a routed request's key and fingerprint wait for {@code ProxyFilter}, which signs them into the internal
     * token; the gateway's own endpoints get {@link IdempotencyKey#ATTRIBUTE} instead, for the platform's
     * same-transaction record in the gateway database.
     */
    /**
     * Signup has no tenant yet: its keys share a scope of their own. A replay needs the same fingerprint, i.e. the
     * same body with the same password, so it only ever reaches the one who sent it.
     */
    static final String SIGNUP_PATH = "/v1/signup";
    static final String SIGNUP_SCOPE = "signup";
    public static final String FORWARDED_KEY = IdempotencyFilter.class.getName() + ".forwarded";

    private static final Logger log = LoggerFactory.getLogger(IdempotencyFilter.class);

    private final IdempotencyRepository records;
    private final RequestFingerprint fingerprints;
    private final ObjectMapper mapper;
    private final GatewayProperties.Idempotency settings;
    private final Clock clock;
    private final GatewayInstanceLock owners;
    private final Predicate<HttpServletRequest> routed;
    private final StoredResponseRedactor redactor;

    /**
     * @param routed whether a request goes to a service (whose own record then guards the effect) rather than to
     *               one of the gateway's own controllers
     */
    public IdempotencyFilter(IdempotencyRepository records, ObjectMapper mapper, GatewayProperties properties,
                             Clock clock, GatewayInstanceLock owners, Predicate<HttpServletRequest> routed,
                             StoredResponseRedactor redactor) {
        this.records = records;
        this.fingerprints = new RequestFingerprint(mapper, properties.accessToken().secret());
        this.mapper = mapper;
        this.settings = properties.idempotency();
        this.clock = clock;
        this.owners = owners;
        this.routed = routed;
        this.redactor = redactor;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !HttpMethod.POST.matches(request.getMethod()) || request.getHeader(HEADER) == null;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<Principal> principal = AuthenticationFilter.principalOf(request);
        boolean signup = principal.isEmpty() && SIGNUP_PATH.equals(request.getRequestURI());
        if (principal.isEmpty() && !signup) {
            chain.doFilter(request, response);
            return;
        }
        String key = request.getHeader(HEADER);
        if (key.isEmpty() || key.length() > MAX_KEY_LENGTH) {
            writeProblem(response, DomainException.validation(List.of(
                    new FieldViolation(HEADER, "must be 1-" + MAX_KEY_LENGTH + " characters"))));
            return;
        }
        byte[] body;
        try {
            body = request.getInputStream().readAllBytes();
        } catch (DomainException e) {
            writeProblem(response, e);
            return;
        }
        String query = request.getQueryString();
        String fingerprint = fingerprints.of(request.getMethod(),
                request.getRequestURI() + (query == null ? "" : "?" + query), body);
        String tenant = signup ? SIGNUP_SCOPE : principal.get().tenantId().value();

        Decision decision;
        try {
            decision = decide(tenant, key, fingerprint);
        } catch (DataAccessException e) {
            writeProblem(response, DomainException.unavailable("Idempotency keys are unavailable; retry shortly.",
                    Duration.ofSeconds(5)));
            return;
        }
        switch (decision.outcome()) {
            case REPLAY -> replay(response, decision.stored());
            case REUSED -> writeProblem(response, DomainException.of(ErrorCode.IDEMPOTENCY_KEY_REUSED,
                    "This Idempotency-Key was used with a different request."));
            case IN_USE -> writeProblem(response, DomainException.of(ErrorCode.IDEMPOTENCY_KEY_IN_USE,
                    "A request with this Idempotency-Key is still being processed."));
            case PROCEED -> {
                IdempotencyKey travelling = new IdempotencyKey(tenant, key, fingerprint);
                request.setAttribute(routed.test(request) ? FORWARDED_KEY : IdempotencyKey.ATTRIBUTE, travelling);
                proceed(request, response, chain, body, tenant, key);
            }
        }
    }

    private void proceed(HttpServletRequest request, HttpServletResponse response, FilterChain chain, byte[] body,
                         String tenant, String key) throws ServletException, IOException {
        ContentCachingResponseWrapper captured = new ContentCachingResponseWrapper(response);
        try {
            chain.doFilter(new CachedBodyRequest(request, body), captured);
        } catch (ServletException | IOException | RuntimeException e) {
            records.release(tenant, key);
            throw e;
        }
        int status = captured.getStatus();
        try {
            if (status >= 500 || status == HttpStatus.TOO_MANY_REQUESTS.value()
                    || GraphQlIdempotency.isTransient(request.getRequestURI(),
                    captured.getContentAsByteArray(), mapper)) {
                records.release(tenant, key);
            } else {
                records.complete(tenant, key, status, mapper.writeValueAsString(keptHeaders(captured)),
                        redactor.redact(request, captured.getContentAsByteArray()));
            }
        } catch (DataAccessException e) {
            // the work is done; the client still gets its answer. The key stays "in progress" until it goes stale.
            log.warn("could not record the outcome of Idempotency-Key {}: {}", key, e.toString());
        }
        captured.copyBodyToResponse();
    }

    private Decision decide(String tenant, String key, String fingerprint) {
        for (int attempt = 0; attempt < 3; attempt++) {
            Instant now = clock.instant();
            if (records.claim(tenant, key, fingerprint, now, owners.id())) {
                return new Decision(Outcome.PROCEED, null);
            }
            Optional<IdempotencyRepository.Stored> found = records.find(tenant, key);
            if (found.isEmpty()) {
                continue;
            }
            IdempotencyRepository.Stored stored = found.get();
            boolean expired = stored.createdAt().isBefore(now.minus(settings.retention()));
            boolean abandoned = !stored.completed() && (stored.createdAt().isBefore(now.minus(settings.staleAfter()))
                    || stored.owner() != null && !owners.alive(stored.owner()));
            if (expired || abandoned) {
                if (records.reclaim(tenant, key, stored.createdAt(), fingerprint, now, owners.id())) {
                    return new Decision(Outcome.PROCEED, null);
                }
                continue;
            }
            if (!stored.fingerprint().equals(fingerprint)) {
                return new Decision(Outcome.REUSED, null);
            }
            return stored.completed() ? new Decision(Outcome.REPLAY, stored) : new Decision(Outcome.IN_USE, null);
        }
        return new Decision(Outcome.IN_USE, null);
    }

    private void replay(HttpServletResponse response, IdempotencyRepository.Stored stored) throws IOException {
        response.setStatus(stored.status());
        Map<String, String> headers = mapper.readValue(stored.headersJson(), new TypeReference<>() {
        });
        headers.forEach(response::setHeader);
        response.setHeader(REPLAYED, "true");
        byte[] body = stored.body() == null ? new byte[0] : stored.body();
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    private static Map<String, String> keptHeaders(HttpServletResponse response) {
        Map<String, String> kept = new LinkedHashMap<>();
        for (String name : KEPT_HEADERS) {
            String value = response.getHeader(name);
            if (value != null) {
                kept.put(name, value);
            }
        }
        return kept;
    }

    private void writeProblem(HttpServletResponse response, DomainException e) throws IOException {
        Problems.write(response, mapper, e);
    }

    private enum Outcome { PROCEED, REPLAY, REUSED, IN_USE }

    private record Decision(Outcome outcome, IdempotencyRepository.Stored stored) {
    }
}
