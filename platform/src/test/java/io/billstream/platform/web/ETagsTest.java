package io.billstream.platform.web;

import io.billstream.platform.concurrency.ExpectedVersion;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ETagsTest {

    @Test
    void absentOrStarMatchesAnyVersion() {
        assertThat(ETags.ifMatch(null).isAny()).isTrue();
        assertThat(ETags.ifMatch(" ").isAny()).isTrue();
        assertThat(ETags.ifMatch("*").isAny()).isTrue();
        assertThat(ETags.ifMatch("\"9\", *").isAny()).isTrue();
    }

    @Test
    void listsOfStrongWeakAndBareTagsMatchAnyMember() {
        ExpectedVersion expected = ETags.ifMatch("\"3\", W/\"5\" ,7");
        assertThat(expected.matches(3)).isTrue();
        assertThat(expected.matches(5)).isTrue();
        assertThat(expected.matches(7)).isTrue();
        assertThat(expected.matches(4)).isFalse();
    }

    @Test
    void tagsThatNameNoVersionNeverMatch() {
        ExpectedVersion garbled = ETags.ifMatch("\"abc\", W/\"\"");
        assertThat(garbled.isAny()).isFalse();
        assertThat(garbled.matches(0)).isFalse();
        assertThat(garbled.matches(1)).isFalse();
    }

    @Test
    void etagIsTheQuotedVersion() {
        assertThat(ETags.of(12)).isEqualTo("\"12\"");
        assertThat(ETags.ifMatch(ETags.of(12)).matches(12)).isTrue();
    }

    @Test
    void ifNoneMatchHitsOnStarOrAnyListedTagComparedWeakly() {
        assertThat(ETags.noneMatchHits("\"a\", W/\"b\"", "\"b\"")).isTrue();
        assertThat(ETags.noneMatchHits("*", "\"b\"")).isTrue();
        assertThat(ETags.noneMatchHits("\"a\"", "\"b\"")).isFalse();
        assertThat(ETags.noneMatchHits(null, "\"b\"")).isFalse();
    }
}
