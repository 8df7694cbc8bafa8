package io.billstream.systemtest;

import io.billstream.systemtest.support.StandardWebhooks;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** The receiver's own signature check agrees with the docs/api-reference.md §8 test vector (and needs no stack). */
class StandardWebhooksVectorTest {

    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final String ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private static final byte[] BODY = "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8);

    @Test
    void specTestVector() {
        assertThat(StandardWebhooks.sign(SECRET, ID, "1614265330", BODY))
                .isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
        assertThat(StandardWebhooks.verify(SECRET, ID, "1614265330", BODY,
                "v1,bm9ub3NlbnNl v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=")).isTrue();
        assertThat(StandardWebhooks.verify(SECRET, ID, "1614265331", BODY,
                "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=")).isFalse();
    }
}
