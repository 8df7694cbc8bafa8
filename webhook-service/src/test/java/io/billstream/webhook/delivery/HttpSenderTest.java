package io.billstream.webhook.delivery;

import io.billstream.webhook.domain.UrlGuard;
import io.billstream.webhook.support.Receiver.Reply;
import io.billstream.webhook.support.Receiver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The sender against a real HTTP receiver on loopback. */
class HttpSenderTest {

    private final Receiver receiver = new Receiver();
    private final HttpSender sender = new HttpSender(new UrlGuard(true, List.of("127.0.0.0/8")), 8);

    @AfterEach
    void close() throws Exception {
        sender.close();
        receiver.close();
    }

    @Test
    void sendsTheBodyAndHeadersAndKeepsTheFirstTwoKibOfTheAnswer() throws Exception {
        String url = receiver.path((n, r) -> new Reply(200, Map.of(), "x".repeat(5000)));

        HttpSender.Response response = sender.post(URI.create(url), Map.of("webhook-id", "msg_1"), "{\"a\":\"é\"}",
                Duration.ofSeconds(5));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).hasSize(HttpSender.KEPT_BODY_BYTES);
        Receiver.Received received = receiver.requests(url).getFirst();
        assertThat(received.body()).isEqualTo("{\"a\":\"é\"}");
        assertThat(received.header("webhook-id")).isEqualTo("msg_1");
        assertThat(received.header("content-type")).isEqualTo("application/json");
    }

    @Test
    void anAnswerThatTakesLongerThanTheTimeoutIsATimeout() {
        // the subscriber answers only once the sender has given up (or after 10 s, so the server thread ends)
        CountDownLatch gaveUp = new CountDownLatch(1);
        String url = receiver.path((n, r) -> {
            gaveUp.await(10, TimeUnit.SECONDS);
            return Reply.ok();
        });
        long start = System.nanoTime();

        assertThatThrownBy(() -> sender.post(URI.create(url), Map.of(), "{}", Duration.ofMillis(300)))
                .isInstanceOf(TimeoutException.class);
        gaveUp.countDown();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(2500));
    }

    @Test
    void theAddressIsCheckedWhenTheConnectionIsOpened() throws Exception {
        String url = receiver.path();
        try (HttpSender guarded = new HttpSender(new UrlGuard(true, List.of()), 8)) {
            assertThatThrownBy(() -> guarded.post(URI.create(url), Map.of(), "{}", Duration.ofSeconds(5)))
                    .isInstanceOf(UrlGuard.RefusedUrlException.class)
                    .hasMessageContaining("non-public");
        }
        assertThat(receiver.requests(url)).isEmpty();
    }

    @Test
    void readsRetryAfterInSecondsOrAsADate() {
        assertThat(HttpSender.parseRetryAfter("120")).contains(Duration.ofSeconds(120));
        assertThat(HttpSender.parseRetryAfter("Wed, 21 Oct 2015 07:28:00 GMT")).contains(Duration.ZERO);
        assertThat(HttpSender.parseRetryAfter("soon")).isEmpty();
    }
}
