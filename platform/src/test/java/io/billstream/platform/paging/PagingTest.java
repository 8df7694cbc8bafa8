package io.billstream.platform.paging;

import io.billstream.platform.errors.DomainException;
import io.billstream.platform.errors.ErrorCode;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PagingTest {

    @Test
    void keysetCursorRoundTripsAndKeepsIdsWithSeparators() {
        KeysetCursor cursor = new KeysetCursor(Instant.parse("2026-12-03T10:15:30.123456789Z"), "inv_a|b");
        assertThat(KeysetCursor.decode(cursor.encode())).isEqualTo(cursor);
        assertThat(KeysetCursor.decode(null)).isNull();
    }

    @Test
    void sequenceCursorRoundTripsAndStartsAboveEveryRow() {
        assertThat(SequenceCursor.decode(SequenceCursor.encode(42))).isEqualTo(42);
        assertThat(SequenceCursor.decode("")).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void madeUpOrForeignCursorsAreValidationErrorsOnCursor() {
        String sequence = SequenceCursor.encode(7);
        for (String bad : new String[]{"!!", "abc", sequence, raw("k1|x|0|inv_1"), raw("k1|1|0|"), raw("k1|1|0")}) {
            assertThatThrownBy(() -> KeysetCursor.decode(bad)).as(bad)
                    .isInstanceOfSatisfying(DomainException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
                        assertThat(e.errors()).extracting(v -> v.field()).containsExactly("cursor");
                    });
        }
        assertThatThrownBy(() -> SequenceCursor.decode(new KeysetCursor(Instant.EPOCH, "x").encode()))
                .isInstanceOf(DomainException.class);
    }

    @Test
    void pageShowsLimitRowsAndPointsAfterTheLastOneShown() {
        Page<String> page = Page.of(List.of(5, 4, 3), 2, n -> "n" + n, n -> SequenceCursor.encode(n));
        assertThat(page.data()).containsExactly("n5", "n4");
        assertThat(SequenceCursor.decode(page.nextCursor())).isEqualTo(4);
        assertThat(Page.of(List.of(5, 4), 2, n -> n, n -> "x").nextCursor()).isNull();
        assertThat(Page.fetchSize(20)).isEqualTo(21);
    }

    @Test
    void limitIsOneToHundred() {
        assertThat(PageLimit.check(1)).isEqualTo(1);
        assertThat(PageLimit.check(100)).isEqualTo(100);
        assertThatThrownBy(() -> PageLimit.check(0)).isInstanceOf(DomainException.class);
        assertThatThrownBy(() -> PageLimit.check(101)).isInstanceOf(DomainException.class);
    }

    private static String raw(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
