package io.billstream.invoice.customers.web;

import io.billstream.invoice.customers.persistence.CustomerPosition;
import io.billstream.platform.errors.DomainException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CustomerCursorTest {

    @Test
    void roundTripsThePositionExactly() {
        CustomerPosition position = new CustomerPosition(Instant.parse("2026-11-21T13:45:12.123456Z"),
                "cus_0AbCdEfGhIjKlMnOpQrStUvW");

        String cursor = CustomerCursor.encode(position);

        assertThat(cursor).matches("[A-Za-z0-9_-]+");
        assertThat(CustomerCursor.decode(cursor)).isEqualTo(position);
    }

    @Test
    void foreignOrDamagedCursorsAreValidationErrors() {
        for (String cursor : new String[]{"!!", "abc", encode("c2|1|0|cus_1"), encode("c1|x|0|cus_1"),
                encode("c1|1|0|"), encode("c1|1|0")}) {
            assertThatThrownBy(() -> CustomerCursor.decode(cursor))
                    .as(cursor)
                    .isInstanceOfSatisfying(DomainException.class, e -> {
                        assertThat(io.billstream.platform.web.ErrorStatus.of(e.code()).value()).isEqualTo(422);
                        assertThat(e.errors()).extracting(v -> v.field()).containsExactly("cursor");
                    });
        }
    }

    @Test
    void ifMatchAcceptsTheQuotedVersionAWeakTagAStarOrAList() {
        assertThat(CustomerIfMatch.etag(3)).isEqualTo("\"3\"");
        assertThat(CustomerIfMatch.of(null).test(9)).isTrue();
        assertThat(CustomerIfMatch.of("\"3\"").test(3)).isTrue();
        assertThat(CustomerIfMatch.of("\"3\"").test(4)).isFalse();
        assertThat(CustomerIfMatch.of("W/\"3\"").test(3)).isTrue();
        assertThat(CustomerIfMatch.of("*").test(12)).isTrue();
        assertThat(CustomerIfMatch.of("\"1\", \"2\"").test(2)).isTrue();
        assertThat(CustomerIfMatch.of("\"1\", \"2\"").test(3)).isFalse();
        assertThat(CustomerIfMatch.of("garbage").test(1)).isFalse();
    }

    private static String encode(String raw) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }
}
