package io.billstream.platform.idempotency;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.billstream.platform.errors.DomainException;
import io.billstream.platform.web.CachedBodyRequest;
import io.micrometer.core.instrument.MeterRegistry;
import io.billstream.platform.errors.ErrorCode;
import io.billstream.platform.web.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * docs/api-reference.md §2 end to end: a POST that carries an {@link IdempotencyKey} runs in ONE database transaction that first
 * claims the key, then applies the effect (every {@code @Transactional}, {@code TransactionTemplate} and Axon unit
 * of work of the handler joins it: payment row, event append, outbox row…), then stores the answer beside it, and
 * only then commits and lets the answer out. Whatever dies in between — this process, the gateway waiting for it —
 * a retry with the same key finds either nothing (run it) or the committed answer (replay it, with
 * {@code Idempotent-Replayed: true}); never the effect without its key.
 * <p>
 * A duplicate that arrives while the first still runs (the gateway's own guard gone with a crashed gateway) waits on
 * the key's unique index and is then answered from the first's result. The same key with another fingerprint →
 * 409 {@code idempotency_key_reused}. 5xx, 429 and anything the handler rolled back are not kept. A run that lost a
 * race for a row or an event sequence to another transaction is run again from scratch (its effect was rolled back
 * and its answer never left), up to {@value #ATTEMPTS} times.
 */
public class IdempotentRequestFilter extends OncePerRequestFilter {

    public static final String REPLAYED = "Idempotent-Replayed";
    /** After the platform's request id, body size and internal token filters and the gateway's own idempotency filter. */
    public static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 70;
    static final String FAILURE_ATTRIBUTE = IdempotentRequestFilter.class.getName() + ".failure";
    static final int ATTEMPTS = 8;
    private static final List<String> KEPT_HEADERS = List.of(HttpHeaders.CONTENT_TYPE, HttpHeaders.LOCATION,
            HttpHeaders.ETAG, HttpHeaders.LAST_MODIFIED, HttpHeaders.CONTENT_DISPOSITION);
    private static final Logger log = LoggerFactory.getLogger(IdempotentRequestFilter.class);

    private final IdempotencyStore store;
    private final TransactionTemplate tx;
    private final ObjectMapper mapper;
    private final StoredResponseRedactor redactor;
    private final Clock clock;
    private final MeterRegistry meters;

    /** @param meters where {@code billstream.idempotency.requests} (tag {@code outcome}) is counted; may be null */
    public IdempotentRequestFilter(IdempotencyStore store, TransactionTemplate tx, ObjectMapper mapper,
                                   StoredResponseRedactor redactor, Clock clock, MeterRegistry meters) {
        this.store = store;
        this.tx = tx;
        this.mapper = mapper;
        this.redactor = redactor == null ? (request, body) -> body : redactor;
        this.clock = clock;
        this.meters = meters;
    }

    private void count(String outcome) {
        if (meters != null) {
            meters.counter("billstream.idempotency.requests", "outcome", outcome).increment();
        }
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !HttpMethod.POST.matches(request.getMethod())
                || !(request.getAttribute(IdempotencyKey.ATTRIBUTE) instanceof IdempotencyKey);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        IdempotencyKey key = (IdempotencyKey) request.getAttribute(IdempotencyKey.ATTRIBUTE);
        byte[] body;
        try {
            body = request.getInputStream().readAllBytes();
        } catch (DomainException e) {
            problem(response, e.code(), e.getMessage(), e.retryAfter());
            return;
        }
        for (int attempt = 1; ; attempt++) {
            request.removeAttribute(FAILURE_ATTRIBUTE);
            BufferedResponse buffered = new BufferedResponse(response);
            boolean[] kept = {false};
            Optional<IdempotencyStore.Stored> earlier;
            try {
                earlier = tx.execute(status -> {
                    if (!store.claim(key, clock.instant())) {
                        status.setRollbackOnly();
                        return store.find(key);
                    }
                    run(chain, new CachedBodyRequest(request, body), buffered);
                    int code = buffered.status();
                    if (status.isRollbackOnly() || buffered.error() || code >= 500
                            || code == HttpStatus.TOO_MANY_REQUESTS.value()) {
                        status.setRollbackOnly();
                    } else {
                        store.complete(key, code, keptHeaders(buffered), redactor.redact(request, buffered.body()));
                        kept[0] = true;
                    }
                    return null;
                });
            } catch (UncheckedServletException e) {
                throw e.servlet;
            } catch (UncheckedIOException e) {
                throw e.getCause();
            } catch (RuntimeException e) {
                // The claim or the commit failed: nothing of this run is stored, and its answer never left. A commit
                // fails with the store's exceptions, or with a race lost in work done at commit (a service's
                // beforeCommit synchronization), whatever exception type reports it.
                if (!(e instanceof TransactionException || e instanceof DataAccessException || lostRace(e))) {
                    throw e;
                }
                if (attempt < ATTEMPTS && lostRace(e)) {
                    count("run_again");
                    pause(attempt);
                    continue;
                }
                count("failed");
                log.warn("idempotent request {} {} failed to commit: {}", request.getMethod(),
                        request.getRequestURI(), e.toString());
                problem(response, ErrorCode.SERVICE_UNAVAILABLE,
                        "The request could not be completed; retry it with the same Idempotency-Key.",
                        Duration.ofSeconds(1));
                return;
            }
            if (earlier != null) {
                if (earlier.isEmpty()) {
                    continue;   // purged between the claim and the look-up: claim again
                }
                answerFromEarlier(key, earlier.get(), response);
                count(earlier.get().fingerprint().equals(key.fingerprint()) ? "replayed" : "reused");
                return;
            }
            if (attempt < ATTEMPTS && buffered.status() >= 500
                    && lostRace((Throwable) request.getAttribute(FAILURE_ATTRIBUTE))) {
                count("run_again");
                pause(attempt);
                continue;
            }
            count(kept[0] ? "recorded" : "not_kept");
            buffered.copyTo(response);
            return;
        }
    }

    private static void run(FilterChain chain, HttpServletRequest request, HttpServletResponse response) {
        try {
            chain.doFilter(request, response);
        } catch (ServletException e) {
            throw new UncheckedServletException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void answerFromEarlier(IdempotencyKey key, IdempotencyStore.Stored stored, HttpServletResponse response)
            throws IOException {
        if (!stored.fingerprint().equals(key.fingerprint())) {
            problem(response, ErrorCode.IDEMPOTENCY_KEY_REUSED,
                    "This Idempotency-Key was used with a different request.", null);
            return;
        }
        if (stored.status() == null) {
            problem(response, ErrorCode.IDEMPOTENCY_KEY_IN_USE,
                    "A request with this Idempotency-Key is still being processed.", null);
            return;
        }
        response.setStatus(stored.status());
        Map<String, String> headers = mapper.readValue(stored.headersJson(), new TypeReference<>() {
        });
        headers.forEach(response::setHeader);
        response.setHeader(REPLAYED, "true");
        byte[] body = stored.body() == null ? new byte[0] : stored.body();
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    private String keptHeaders(BufferedResponse response) {
        Map<String, String> kept = new LinkedHashMap<>();
        for (String name : KEPT_HEADERS) {
            String value = response.header(name);
            if (value != null) {
                kept.put(name, value);
            }
        }
        try {
            return mapper.writeValueAsString(kept);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void problem(HttpServletResponse response, ErrorCode code, String detail, Duration retryAfter)
            throws IOException {
        Problems.write(response, mapper, code, detail, retryAfter);
    }

    /** Lost a race to another transaction: a deadlock, a serialization failure, a unique event sequence taken. */
    static boolean lostRace(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ConcurrencyFailureException || t.getClass().getSimpleName().equals("ConcurrencyException")) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().equals("40001") || sql.getSQLState().equals("40P01"))) {
                return true;
            }
        }
        return false;
    }

    /** A little later each time, and at random, so two losers of the same race do not collide again. */
    private static void pause(int attempt) {
        long millis = 5L * attempt + java.util.concurrent.ThreadLocalRandom.current().nextLong(10L * attempt + 1);
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(millis));
    }

    /**
     * Notes the exception a handler failed with before the application's advice turns it into an answer, so the
     * filter can tell a lost race (run again) from any other failure (answer it).
     */
    public static final class FailureRecorder implements HandlerExceptionResolver, Ordered {

        @Override
        public ModelAndView resolveException(HttpServletRequest request, HttpServletResponse response, Object handler,
                                             Exception ex) {
            request.setAttribute(FAILURE_ATTRIBUTE, ex);
            return null;
        }

        @Override
        public int getOrder() {
            return Ordered.HIGHEST_PRECEDENCE;
        }
    }

    private static final class UncheckedServletException extends RuntimeException {
        private final ServletException servlet;

        UncheckedServletException(ServletException servlet) {
            super(servlet);
            this.servlet = servlet;
        }
    }
}
