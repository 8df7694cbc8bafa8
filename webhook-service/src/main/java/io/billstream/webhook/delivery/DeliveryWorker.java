package io.billstream.webhook.delivery;

import io.billstream.platform.observability.TraceContexts;
import io.billstream.webhook.WebhookProperties;
import io.billstream.webhook.domain.ClaimedMessage;
import io.billstream.webhook.domain.MessageStatus;
import io.billstream.webhook.domain.Outcome;
import io.billstream.webhook.domain.RetryPolicy;
import io.billstream.webhook.domain.UrlGuard;
import io.billstream.webhook.domain.WebhookSigner;
import io.billstream.webhook.persistence.DeliveryRepository;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;

/**
 * Attempts due messages. One thread claims batches (leased, so several instances share the table safely) and hands
 * each message to a virtual thread; at most {@code max-in-flight} run at once, and each endpoint's bulkhead and
 * circuit breaker keep a slow or dead endpoint from taking more than its share. Outcomes are written in batches
 * by a second thread. A crash loses no message: an unwritten outcome leaves the lease to expire, and the message is
 * attempted again (at least once).
 */
public class DeliveryWorker implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DeliveryWorker.class);
    private static final int WRITE_BATCH = 500;
    // short: the claim query skips full endpoints anyway, so a bounced message is only picked up once a slot frees
    private static final long BULKHEAD_FULL_DELAY_MILLIS = 100;
    // after a claim that found work, look again at least this often, whatever the (long) safety poll
    private static final Duration ACTIVE_POLL = Duration.ofSeconds(1);
    private static final Duration MIN_WAIT = Duration.ofMillis(5);
    /** Put on the queue by {@link #stop()} so that the writer, asleep on an empty queue, looks at {@code writing}. */
    private static final Outcome WAKE_WRITER = new Outcome(null, false, null, null, 0, null, null,
            MessageStatus.PENDING, 0, 0, false);

    private final DeliveryRepository store;
    private final HttpSender sender;
    private final UrlGuard guard;
    private final EndpointIsolation isolation;
    private final RetryPolicy retryPolicy;
    private final DeliverySignal signal;
    private final WebhookProperties properties;
    private final String instanceId;
    private final Timer successLatency;
    private final Timer failureLatency;
    private final Counter deferred;
    private final BlockingQueue<Outcome> outcomes = new LinkedBlockingQueue<>();
    private final Semaphore inFlight;
    private final EndpointLanes lanes;
    private final TraceContexts traces;

    private volatile Duration claimerStopWait = Duration.ofSeconds(5);
    private volatile boolean running;
    private volatile boolean writing;
    private Thread claimer;
    private Thread writer;
    private ExecutorService executor;

    public DeliveryWorker(DeliveryRepository store, HttpSender sender, UrlGuard guard, EndpointIsolation isolation,
                          RetryPolicy retryPolicy, DeliverySignal signal, WebhookProperties properties,
                          MeterRegistry registry, String instanceId) {
        this(store, sender, guard, isolation, retryPolicy, signal, properties, registry, instanceId,
                TraceContexts.NONE);
    }

    public DeliveryWorker(DeliveryRepository store, HttpSender sender, UrlGuard guard, EndpointIsolation isolation,
                          RetryPolicy retryPolicy, DeliverySignal signal, WebhookProperties properties,
                          MeterRegistry registry, String instanceId, TraceContexts traces) {
        this.traces = traces;
        this.store = store;
        this.sender = sender;
        this.guard = guard;
        this.isolation = isolation;
        this.retryPolicy = retryPolicy;
        this.signal = signal;
        this.properties = properties;
        this.instanceId = instanceId;
        this.inFlight = new Semaphore(properties.worker().maxInFlight());
        this.lanes = new EndpointLanes(isolation.slotsPerEndpoint(), properties.worker().lease().dividedBy(2),
                signal::slotFreed);
        this.successLatency = latencyTimer(registry, "success");
        this.failureLatency = latencyTimer(registry, "failure");
        this.deferred = Counter.builder("billstream.webhooks.delivery.deferred")
                .description("Claimed messages put back unsent because their endpoint had no free slot")
                .register(registry);
    }

    private static Timer latencyTimer(MeterRegistry registry, String outcome) {
        return Timer.builder("billstream.webhooks.delivery.latency")
                .description("Time from sending a webhook to its answer (or failure)")
                .tag("outcome", outcome)
                .publishPercentileHistogram()
                .register(registry);
    }

    public String instanceId() {
        return instanceId;
    }

    private void claimLoop() {
        WebhookProperties.Worker settings = properties.worker();
        // under a backlog, claim in sizeable batches rather than one query per freed slot
        int worthClaiming = Math.max(1, Math.min(settings.claimBatch(), settings.maxInFlight()) / 4);
        long maxGatherNanos = TimeUnit.MILLISECONDS.toNanos(10);
        boolean backlog = false;
        long gatheringSince = 0;
        while (running) {
            try {
                int free = inFlight.availablePermits();
                if (free == 0 || (backlog && free < worthClaiming
                        && System.nanoTime() - gatheringSince < maxGatherNanos)) {
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
                    continue;
                }
                int wanted = Math.min(free, settings.claimBatch());
                List<ClaimedMessage> claimed = store.claim(wanted, lanes.saturated(), settings.lease());
                backlog = claimed.size() == wanted;
                gatheringSince = System.nanoTime();
                for (int i = 0; i < claimed.size(); i++) {
                    ClaimedMessage message = claimed.get(i);
                    if (!running) {
                        // stop() came while this claim was running: give the rest back rather than start it
                        handBack(claimed.subList(i, claimed.size()));
                        break;
                    }
                    try {
                        inFlight.acquire();
                    } catch (InterruptedException e) {
                        handBack(claimed.subList(i, claimed.size()));
                        throw e;
                    }
                    switch (lanes.admit(message)) {
                        case RUN -> hand(message);
                        case WAIT -> { }
                        case REFUSED -> putBack(message, jitter(BULKHEAD_FULL_DELAY_MILLIS));
                    }
                }
                if (claimed.isEmpty()) {
                    // nothing due: sleep until the earliest retry, a signal (a new message, a freed slot, an
                    // outcome written, another instance's notification) or the safety poll, whichever comes first
                    signal.await(untilNextDue(settings.pollInterval()));
                } else if (claimed.size() < wanted) {
                    // the outcomes of what was just claimed signal when they are written, retries included
                    signal.await(settings.pollInterval().compareTo(ACTIVE_POLL) < 0
                            ? settings.pollInterval() : ACTIVE_POLL);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.warn("webhook worker {} could not claim messages: {}", instanceId, e.toString());
                LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(1));
            }
        }
    }

    private Duration untilNextDue(Duration safetyPoll) {
        try {
            return store.nextDue(lanes.saturated())
                    .map(due -> Duration.between(Instant.now(), due))
                    .filter(wait -> wait.compareTo(safetyPoll) < 0)
                    .map(wait -> wait.compareTo(MIN_WAIT) < 0 ? MIN_WAIT : wait)
                    .orElse(safetyPoll);
        } catch (RuntimeException e) {
            log.warn("webhook worker {} could not read the next due time: {}", instanceId, e.toString());
            return ACTIVE_POLL;
        }
    }

    /** Runs an admitted message; a stopped executor gets nothing: its permit and lane slot are given back. */
    private void hand(ClaimedMessage message) {
        try {
            executor.execute(() -> runFrom(message));
        } catch (RejectedExecutionException stopped) {
            putBack(message, 0);
            lanes.finished(message.endpointId(), expired -> putBack(expired, 0)).ifPresent(next -> putBack(next, 0));
        }
    }

    /** Claimed messages that never took a permit: their leases are released unattempted. */
    private void handBack(List<ClaimedMessage> messages) {
        for (ClaimedMessage message : messages) {
            outcomes.add(Outcome.notAttempted(message, 0));
        }
    }

    /** Free in-flight permits; equals max-in-flight when the worker is idle or stopped (none leaked). */
    public int availableInFlightPermits() {
        return inFlight.availablePermits();
    }

    /** How long stop() waits for a claim in progress before it stops the executor (the claim still hands back). */
    public void claimerStopWait(Duration wait) {
        this.claimerStopWait = wait;
    }

    /** Attempts the message, then whatever waits for the same endpoint's slot, on this one thread. */
    private void runFrom(ClaimedMessage first) {
        Optional<ClaimedMessage> next = Optional.of(first);
        while (next.isPresent()) {
            ClaimedMessage message = next.get();
            try {
                outcomes.add(attempt(message));
            } finally {
                inFlight.release();
            }
            next = lanes.finished(message.endpointId(), expired -> putBack(expired, 0));
        }
    }

    /** Gives a claimed message back unsent: no attempt is logged, the lease is released. */
    private void putBack(ClaimedMessage message, long delayMillis) {
        deferred.increment();
        outcomes.add(Outcome.notAttempted(message, delayMillis));
        inFlight.release();
    }

    /**
     * Each attempt, the first and every retry, is a span of the trace the message was made in, so the receiver
     * sees the same trace id on all of them and the logs of the attempt carry it.
     */
    Outcome attempt(ClaimedMessage message) {
        return traces.continueTrace("billstream.webhooks.attempt", message.traceParent(), () -> attemptTraced(message));
    }

    private Outcome attemptTraced(ClaimedMessage message) {
        Bulkhead bulkhead = isolation.bulkhead(message.endpointId());
        if (!bulkhead.tryAcquirePermission()) {
            deferred.increment();
            return Outcome.notAttempted(message, jitter(BULKHEAD_FULL_DELAY_MILLIS));
        }
        try {
            CircuitBreaker breaker = isolation.circuitBreaker(message.endpointId());
            Instant attemptedAt = Instant.now();
            if (!breaker.tryAcquirePermission()) {
                return failed(message, attemptedAt, null, 0, null,
                        "circuit_open: recent attempts to this endpoint kept failing; not sent", null);
            }
            long start = System.nanoTime();
            try {
                URI uri = guard.parse(message.url());
                guard.check(message.url());
                long timestamp = attemptedAt.getEpochSecond();
                String signature = WebhookSigner.signatureHeader(message.signingSecrets(attemptedAt), message.id(),
                        timestamp, message.payload());
                HttpSender.Response response = sender.post(uri, Map.of(
                        "webhook-id", message.id(),
                        "webhook-timestamp", Long.toString(timestamp),
                        "webhook-signature", signature), message.payload(), properties.attemptTimeout());
                long nanos = System.nanoTime() - start;
                long millis = TimeUnit.NANOSECONDS.toMillis(nanos);
                if (response.status() >= 200 && response.status() < 300) {
                    breaker.onSuccess(nanos, TimeUnit.NANOSECONDS);
                    successLatency.record(nanos, TimeUnit.NANOSECONDS);
                    return new Outcome(message, true, attemptedAt, response.status(), millis, response.body(), null,
                            MessageStatus.DELIVERED, message.scheduleStep(), 0, false);
                }
                breaker.onError(nanos, TimeUnit.NANOSECONDS, new IOException("HTTP " + response.status()));
                failureLatency.record(nanos, TimeUnit.NANOSECONDS);
                if (response.status() == 410) {
                    return new Outcome(message, true, attemptedAt, 410, millis, response.body(),
                            "endpoint answered 410 Gone; endpoint disabled", MessageStatus.FAILED,
                            message.scheduleStep(), 0, true);
                }
                Duration retryAfter = response.status() == 429 || response.status() == 503
                        ? response.retryAfter() : null;
                String error = response.status() >= 300 && response.status() < 400
                        ? "redirect not followed (HTTP " + response.status() + ")"
                        : "HTTP " + response.status();
                return failed(message, attemptedAt, response.status(), millis, response.body(), error, retryAfter);
            } catch (UrlGuard.RefusedUrlException e) {
                breaker.releasePermission();
                return failed(message, attemptedAt, null, 0, null, "url_not_allowed: the URL " + e.getMessage(),
                        null);
            } catch (TimeoutException e) {
                long nanos = System.nanoTime() - start;
                breaker.onError(nanos, TimeUnit.NANOSECONDS, e);
                failureLatency.record(nanos, TimeUnit.NANOSECONDS);
                return failed(message, attemptedAt, null, TimeUnit.NANOSECONDS.toMillis(nanos), null,
                        "timeout: no complete answer within " + properties.attemptTimeout().toSeconds() + " s", null);
            } catch (IOException e) {
                long nanos = System.nanoTime() - start;
                breaker.onError(nanos, TimeUnit.NANOSECONDS, e);
                failureLatency.record(nanos, TimeUnit.NANOSECONDS);
                return failed(message, attemptedAt, null, TimeUnit.NANOSECONDS.toMillis(nanos), null,
                        "connection failed: " + describe(e), null);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                breaker.releasePermission();
                // shutting down mid-attempt: try again soon, on whichever instance is up
                return Outcome.notAttempted(message, 0);
            }
        } finally {
            bulkhead.onComplete();
        }
    }

    private Outcome failed(ClaimedMessage message, Instant attemptedAt, Integer status, long millis, String body,
                           String error, Duration retryAfter) {
        Optional<Duration> next = retryPolicy.nextDelay(message.scheduleStep(), retryAfter);
        return next.map(delay -> new Outcome(message, true, attemptedAt, status, millis, body, error,
                        MessageStatus.PENDING, message.scheduleStep() + 1, delay.toMillis(), false))
                .orElseGet(() -> new Outcome(message, true, attemptedAt, status, millis, body, error,
                        MessageStatus.FAILED, message.scheduleStep(), 0, false));
    }

    private static String describe(IOException e) {
        String text = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        return text.length() > 400 ? text.substring(0, 400) : text;
    }

    private static long jitter(long millis) {
        return millis + ThreadLocalRandom.current().nextLong(millis / 2 + 1);
    }

    private void writeLoop() {
        List<Outcome> batch = new ArrayList<>();
        while (writing || !outcomes.isEmpty() || !batch.isEmpty()) {
            try {
                if (batch.isEmpty()) {
                    // sleeps until there is something to write or stop() wakes it: an idle worker polled ten
                    // times a second for nothing (docs/benchmarks.md, "At rest")
                    Outcome first = outcomes.take();
                    if (first == WAKE_WRITER) {
                        continue;
                    }
                    batch.add(first);
                }
                outcomes.drainTo(batch, WRITE_BATCH - batch.size());
                batch.removeIf(outcome -> outcome == WAKE_WRITER);
                store.record(batch, instanceId, properties.disableAfterFailingFor());
                boolean rescheduled = batch.stream().anyMatch(o -> o.nextStatus() == MessageStatus.PENDING);
                batch.clear();
                if (rescheduled) {
                    // a retry's or a put-back's due time is new to the claimer, which may sleep past it
                    signal.rescheduled();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                // kept and written again: the leases cover the wait
                log.warn("webhook worker {} could not record {} outcomes, retrying: {}", instanceId, batch.size(),
                        e.toString());
                LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(1));
                if (!writing && !running) {
                    return;
                }
            }
        }
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        writing = true;
        executor = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("webhook-attempt-", 0).factory());
        writer = Thread.ofPlatform().name("webhook-outcomes-" + instanceId).daemon().start(this::writeLoop);
        claimer = Thread.ofPlatform().name("webhook-claims-" + instanceId).daemon().start(this::claimLoop);
    }

    /** Stops claiming, lets running attempts finish (bounded by the attempt timeout), writes their outcomes. */
    @Override
    public synchronized void stop() {
        if (!running) {
            return;
        }
        running = false;
        claimer.interrupt();
        join(claimer, claimerStopWait);
        lanes.drainWaiting().forEach(message -> putBack(message, 0));
        executor.shutdown();
        try {
            if (!executor.awaitTermination(properties.attemptTimeout().toMillis() + 1000, TimeUnit.MILLISECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // A claim that outlasted the wait (a slow database) hands its messages back once it returns; the writer
        // must still be there to release their leases, or they would sit unsent until the lease ran out.
        join(claimer, properties.worker().lease());
        writing = false;
        outcomes.add(WAKE_WRITER);
        join(writer, Duration.ofSeconds(10));
    }

    private static void join(Thread thread, Duration timeout) {
        try {
            thread.join(timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
