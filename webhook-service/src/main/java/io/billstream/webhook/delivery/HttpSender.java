package io.billstream.webhook.delivery;

import io.billstream.webhook.domain.UrlGuard;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.pool.PoolConcurrencyPolicy;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.transport.RequestReplySenderContext;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * POSTs one webhook with Apache HttpClient's classic (blocking) client, on the attempt's virtual thread: pooled
 * keep-alive connections, redirects never followed, no automatic retries (the schedule decides). The whole exchange,
 * headers and body, must finish within the timeout: a deadline cancels the request. Every address a host resolves
 * to when a connection is opened passes the SSRF guard, so a name re-pointed between the guard's check and the
 * connect is refused too. Only the first 2 KiB of the answer are kept.
 */
public class HttpSender implements AutoCloseable {

    static final int KEPT_BODY_BYTES = 2048;
    private static final ContentType JSON = ContentType.create("application/json");

    private final CloseableHttpClient client;
    private final ObservationRegistry observations;
    private final ScheduledExecutorService deadlines = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("webhook-deadlines").daemon().factory());

    public HttpSender(UrlGuard guard, int maxConnections) {
        this(guard, maxConnections, ObservationRegistry.NOOP);
    }

    /**
     * Every POST is observed as a client span (a child of whatever span is current, the message's trace in the
     * delivery worker), whose context goes out as the {@code traceparent} header (W3C Trace Context).
     */
    public HttpSender(UrlGuard guard, int maxConnections, ObservationRegistry observations) {
        this.observations = observations;
        this.client = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setMaxConnTotal(maxConnections)
                        // several endpoints may share a host and port: the lanes limit each endpoint, not the pool
                        .setMaxConnPerRoute(maxConnections)
                        // per-route locking: the strict pool's one lock was a point of contention for 256 attempts
                        .setPoolConcurrencyPolicy(PoolConcurrencyPolicy.LAX)
                        .setDnsResolver(new GuardedDnsResolver(guard))
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(Timeout.ofSeconds(5))
                                .setTimeToLive(TimeValue.ofMinutes(5))
                                .build())
                        .build())
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .disableAuthCaching()
                .disableContentCompression()
                .setUserAgent("Billstream-Webhooks/1")
                .evictIdleConnections(TimeValue.ofSeconds(30))
                .build();
    }

    public record Response(int status, String body, Duration retryAfter) {
    }

    public Response post(URI uri, Map<String, String> headers, String body, Duration timeout)
            throws IOException, TimeoutException, InterruptedException, UrlGuard.RefusedUrlException {
        HttpPost post = new HttpPost(uri);
        post.setConfig(RequestConfig.custom()
                .setResponseTimeout(Timeout.of(timeout))
                .setConnectionRequestTimeout(Timeout.of(timeout))
                .build());
        post.setEntity(new ByteArrayEntity(body.getBytes(StandardCharsets.UTF_8), JSON));
        headers.forEach(post::setHeader);
        RequestReplySenderContext<HttpPost, Response> context =
                new RequestReplySenderContext<>((request, key, value) -> request.setHeader(key, value));
        context.setCarrier(post);
        context.setRemoteServiceName("webhook-receiver");
        // no URL or host as a tag: one meter for all receivers, whatever the tenants register
        Observation observation = Observation.createNotStarted("billstream.webhooks.send", () -> context,
                observations).contextualName("webhook POST").start();
        try (Observation.Scope ignored = observation.openScope()) {
            Response response = execute(post, timeout);
            context.setResponse(response);
            observation.lowCardinalityKeyValue("status", Integer.toString(response.status()));
            return response;
        } catch (IOException | TimeoutException | InterruptedException | UrlGuard.RefusedUrlException
                 | RuntimeException e) {
            observation.error(e);
            throw e;
        } finally {
            observation.stop();
        }
    }

    private Response execute(HttpPost post, Duration timeout)
            throws IOException, TimeoutException, InterruptedException, UrlGuard.RefusedUrlException {
        AtomicBoolean expired = new AtomicBoolean();
        ScheduledFuture<?> deadline = deadlines.schedule(() -> {
            expired.set(true);
            post.cancel();
        }, timeout.toMillis(), TimeUnit.MILLISECONDS);
        try {
            return client.execute(post, HttpSender::read);
        } catch (RefusedAddressException e) {
            throw new UrlGuard.RefusedUrlException(e.getMessage());
        } catch (IOException e) {
            if (expired.get() || e instanceof java.net.SocketTimeoutException) {
                throw new TimeoutException("no complete answer within " + timeout);
            }
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedException();
            }
            throw e;
        } finally {
            deadline.cancel(false);
        }
    }

    private static Response read(ClassicHttpResponse response) throws IOException {
        byte[] kept = new byte[0];
        HttpEntity entity = response.getEntity();
        if (entity != null) {
            try (InputStream in = entity.getContent()) {
                kept = in.readNBytes(KEPT_BODY_BYTES);
            }
        }
        Header retryAfter = response.getFirstHeader("Retry-After");
        return new Response(response.getCode(), decode(kept),
                retryAfter == null ? null : parseRetryAfter(retryAfter.getValue()).orElse(null));
    }

    /** Delta-seconds or an HTTP-date. */
    static Optional<Duration> parseRetryAfter(String value) {
        String trimmed = value.trim();
        try {
            long seconds = Long.parseLong(trimmed);
            return seconds < 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(seconds));
        } catch (NumberFormatException e) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(trimmed, DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration until = Duration.between(ZonedDateTime.now(at.getZone()), at);
                return Optional.of(until.isNegative() ? Duration.ZERO : until);
            } catch (DateTimeParseException ignored) {
                return Optional.empty();
            }
        }
    }

    private static String decode(byte[] bytes) {
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE)
                    .decode(ByteBuffer.wrap(bytes)).toString();
            // PostgreSQL text cannot hold NUL
            return text.replace('\0', '\uFFFD');
        } catch (CharacterCodingException e) {
            return "";
        }
    }

    @Override
    public void close() throws IOException {
        deadlines.shutdownNow();
        client.close();
    }

    /** The address check at connect time; an {@link UnknownHostException} so the client gives up on the host. */
    static final class RefusedAddressException extends UnknownHostException {
        RefusedAddressException(String reason) {
            super(reason);
        }
    }

    private record GuardedDnsResolver(UrlGuard guard) implements DnsResolver {

        @Override
        public InetAddress[] resolve(String host) throws UnknownHostException {
            InetAddress[] addresses = SystemDefaultDnsResolver.INSTANCE.resolve(host);
            for (InetAddress address : addresses) {
                if (!guard.isPermitted(address)) {
                    throw new RefusedAddressException("resolves to a non-public address");
                }
            }
            return addresses;
        }

        @Override
        public String resolveCanonicalHostname(String host) throws UnknownHostException {
            return SystemDefaultDnsResolver.INSTANCE.resolveCanonicalHostname(host);
        }
    }
}
