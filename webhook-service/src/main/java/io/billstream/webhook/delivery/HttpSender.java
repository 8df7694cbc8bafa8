package io.billstream.webhook.delivery;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * POSTs one webhook with the JDK client (pooled connections, redirects never followed). The whole exchange,
 * headers and body, must finish within the timeout; only the first 2 KiB of the answer are kept.
 */
public class HttpSender implements AutoCloseable {

    static final int KEPT_BODY_BYTES = 2048;

    private final List<HttpClient> clients;

    /** Several clients spread the I/O of many endpoints over several selector threads; one endpoint keeps one. */
    public HttpSender(List<HttpClient> clients) {
        this.clients = List.copyOf(clients);
    }

    public record Response(int status, String body, Duration retryAfter) {
    }

    public Response post(String endpointId, URI uri, Map<String, String> headers, String body, Duration timeout)
            throws IOException, TimeoutException, InterruptedException {
        HttpClient client = clients.get(Math.floorMod(endpointId.hashCode(), clients.size()));
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("User-Agent", "Billstream-Webhooks/1")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        headers.forEach(request::header);
        CompletableFuture<HttpResponse<String>> future = client.sendAsync(request.build(), info -> {
            ByteArrayOutputStream kept = new ByteArrayOutputStream();
            return HttpResponse.BodySubscribers.mapping(
                    HttpResponse.BodySubscribers.ofByteArrayConsumer(chunk -> chunk.ifPresent(bytes -> {
                        int room = KEPT_BODY_BYTES - kept.size();
                        if (room > 0) {
                            kept.write(bytes, 0, Math.min(room, bytes.length));
                        }
                    })),
                    ignored -> decode(kept.toByteArray()));
        });
        try {
            HttpResponse<String> response = future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return new Response(response.statusCode(), response.body(),
                    response.headers().firstValue("Retry-After").flatMap(HttpSender::parseRetryAfter).orElse(null));
        } catch (TimeoutException | InterruptedException e) {
            future.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IOException(e.getCause());
        }
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
        } catch (java.nio.charset.CharacterCodingException e) {
            return "";
        }
    }

    @Override
    public void close() {
        clients.forEach(HttpClient::close);
    }
}
