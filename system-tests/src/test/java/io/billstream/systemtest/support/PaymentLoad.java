package io.billstream.systemtest.support;

import org.awaitility.core.ConditionTimeoutException;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.awaitility.Awaitility.await;

/**
 * Payments from several client threads, each made the way a careful integrator makes them: one
 * {@code Idempotency-Key} per intended payment, repeated while the answer decides nothing (429, 5xx, refused
 * connection). Because a gateway cannot know whether an upstream that died mid-request had committed, the client
 * first looks the payment up by its unique {@code reference} before repeating after a 5xx or a transport failure.
 */
public final class PaymentLoad {

    public record Planned(String invoiceId, String amount, String reference) {
    }

    public enum Kind { ACCEPTED, FOUND_AFTER_FAILURE, REFUSED, GAVE_UP }

    public record Outcome(Planned planned, Kind kind, String paymentId, int status, String code, int attempts,
                          String idempotencyKey) {
    }

    private final Tenant tenant;
    private final ConcurrentLinkedQueue<Outcome> outcomes = new ConcurrentLinkedQueue<>();
    private final AtomicInteger transportFailures = new AtomicInteger();
    private final AtomicInteger unavailable = new AtomicInteger();
    private final AtomicInteger rateLimited = new AtomicInteger();
    private final AtomicInteger keyInUse = new AtomicInteger();
    private final Map<String, Integer> undecidedAnswers = new java.util.concurrent.ConcurrentSkipListMap<>();
    private volatile Duration pace = Duration.ZERO;
    private volatile boolean trustTheKey;
    private volatile Instant started;
    private volatile Instant finished;

    public PaymentLoad(Tenant tenant) {
        this.tenant = tenant;
    }

    /** Each client thread waits this long between its payments (a steady load instead of a burst). */
    public PaymentLoad paced(Duration pause) {
        this.pace = pause;
        return this;
    }

    /**
     * A client as Stripe's SDKs are: every undecided POST (transport failure, 5xx, 429, key in use) is repeated after
     * about a second with the same {@code Idempotency-Key}, and nothing else — no look-up by reference first. Only
     * the end-to-end idempotency of docs/api-reference.md §2 then keeps a payment from being applied twice.
     */
    public PaymentLoad trustingTheKey() {
        this.trustTheKey = true;
        return this;
    }

    /** Undecided answers by "status code" ("transport" for no answer), as the clients met them. */
    public Map<String, Integer> undecidedAnswers() {
        return new TreeMap<>(undecidedAnswers);
    }

    /** Runs {@code plan} on {@code threads} client threads; the future completes when every payment has an outcome. */
    public CompletableFuture<PaymentLoad> start(List<Planned> plan, int threads) {
        ConcurrentLinkedQueue<Planned> queue = new ConcurrentLinkedQueue<>(plan);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        started = Instant.now();
        CompletableFuture<?>[] workers = new CompletableFuture<?>[threads];
        for (int i = 0; i < threads; i++) {
            workers[i] = CompletableFuture.runAsync(() -> {
                if (pace.isZero()) {
                    Planned next;
                    while ((next = queue.poll()) != null) {
                        outcomes.add(pay(next));
                    }
                    return;
                }
                // a steady load: this client takes its next payment one pace after the last, until the plan is used up
                await().atMost(Duration.ofHours(1)).pollInSameThread().pollDelay(Duration.ZERO).pollInterval(pace)
                        .until(() -> {
                            Planned next = queue.poll();
                            if (next == null) {
                                return true;
                            }
                            outcomes.add(pay(next));
                            return false;
                        });
            }, pool);
        }
        return CompletableFuture.allOf(workers).whenComplete((ok, error) -> {
            finished = Instant.now();
            pool.shutdown();
        }).thenApply(ok -> this);
    }

    public List<Planned> plan(List<String> invoiceIds, int paymentsPerInvoice, String amount, String label) {
        List<Planned> plan = new java.util.ArrayList<>();
        for (int round = 0; round < paymentsPerInvoice; round++) {
            for (String invoiceId : invoiceIds) {
                plan.add(new Planned(invoiceId, amount, label + "-" + invoiceId.substring(4, 14) + "-" + round));
            }
        }
        java.util.Collections.shuffle(plan, new java.util.Random(42));
        return plan;
    }

    /**
     * Pays until the payment's outcome is decided (accepted, refused, or found by its reference after an undecided
     * answer), polled at the client's back-off; after five minutes it gives up.
     */
    private Outcome pay(Planned planned) {
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = Map.of("invoiceId", planned.invoiceId(), "amount", planned.amount(),
                "currency", "USD", "method", "bank_transfer", "reference", planned.reference());
        AtomicInteger attempts = new AtomicInteger();
        AtomicReference<Reply> last = new AtomicReference<>();
        try {
            return await().atMost(Duration.ofMinutes(5)).pollInSameThread().pollDelay(Duration.ZERO)
                    .pollInterval((count, previous) -> trustTheKey ? Duration.ofSeconds(1) : Api.backOffAfter(last.get()))
                    .until(() -> attempt(planned, key, body, attempts, last), Objects::nonNull);
        } catch (ConditionTimeoutException e) {
            Reply reply = last.get();
            return new Outcome(planned, Kind.GAVE_UP, null, reply == null ? 0 : reply.status(),
                    reply == null ? null : reply.code(), attempts.get(), key);
        }
    }

    /**
     * One attempt after the back-off: first, unless the key alone is trusted, a look-up by reference when the last
     * answer left it undecided, then the POST again. The outcome once decided, else null.
     */
    private Outcome attempt(Planned planned, String key, Map<String, Object> body, AtomicInteger attempts,
                            AtomicReference<Reply> last) {
        Reply previous = last.get();
        if (!trustTheKey && previous != null && undecided(previous)) {
            String found = findByReference(planned);
            if (found != null) {
                return new Outcome(planned, Kind.FOUND_AFTER_FAILURE, found, previous.status(), previous.code(),
                        attempts.get(), key);
            }
        }
        int attempt = attempts.incrementAndGet();
        Reply reply = tenant.key().post("/v1/payments", body, "Idempotency-Key", key);
        last.set(reply);
        if (reply.status() == 201) {
            return new Outcome(planned, Kind.ACCEPTED, reply.str("id"), 201, null, attempt, key);
        }
        if (!undecided(reply) && !Api.retryable(reply)) {
            return new Outcome(planned, Kind.REFUSED, null, reply.status(), reply.code(), attempt, key);
        }
        undecidedAnswers.merge(reply.transportFailed() ? "transport" : reply.status() + " " + reply.code(), 1,
                Integer::sum);
        if (reply.transportFailed()) {
            transportFailures.incrementAndGet();
        } else if (reply.status() == 429) {
            rateLimited.incrementAndGet();
        } else if (reply.status() == 409) {
            keyInUse.incrementAndGet();
        } else {
            unavailable.incrementAndGet();
        }
        return null;
    }

    private static boolean undecided(Reply reply) {
        return reply.transportFailed() || reply.status() >= 500;
    }

    private String findByReference(Planned planned) {
        Reply list = Api.retrying(() -> tenant.key().get("/v1/payments?limit=100&invoiceId=" + planned.invoiceId()),
                Duration.ofSeconds(30));
        if (list.status() != 200) {
            return null;
        }
        for (var payment : list.json().path("data")) {
            if (planned.reference().equals(payment.path("reference").asText())) {
                return payment.path("id").asText();
            }
        }
        return null;
    }

    public List<Outcome> outcomes() {
        return List.copyOf(outcomes);
    }

    public int completed() {
        return outcomes.size();
    }

    public List<String> acceptedIds() {
        return outcomes.stream().filter(o -> o.paymentId() != null).map(Outcome::paymentId).toList();
    }

    public long count(Kind kind) {
        return outcomes.stream().filter(o -> o.kind() == kind).count();
    }

    public Map<String, Long> refusals() {
        Map<String, Long> byCode = new TreeMap<>();
        outcomes.stream().filter(o -> o.kind() == Kind.REFUSED || o.kind() == Kind.GAVE_UP)
                .forEach(o -> byCode.merge(o.kind() + " " + o.status() + " " + o.code(), 1L, Long::sum));
        return byCode;
    }

    /** One line of figures for the report. */
    public String summary() {
        Duration took = Duration.between(started, finished == null ? Instant.now() : finished);
        long total = outcomes.size();
        return String.format("%d payments from client threads in %.1f s (%.1f/s): %d accepted, %d found by reference "
                        + "after a failed answer, refused/gave up %s; repeated after %d transport failures, %d 5xx, "
                        + "%d 429, %d key-in-use; max attempts %d",
                total, took.toMillis() / 1000.0, total * 1000.0 / Math.max(1, took.toMillis()),
                count(Kind.ACCEPTED), count(Kind.FOUND_AFTER_FAILURE), refusals(), transportFailures.get(),
                unavailable.get(), rateLimited.get(), keyInUse.get(),
                outcomes.stream().mapToInt(Outcome::attempts).max().orElse(0));
    }
}
