package io.billstream.invoice.settings.domain;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class SettingsNumberFormatTest {

    @Test
    void theDefaultFormatGivesYearDashThreeDigits() {
        SettingsNumberFormat format = SettingsNumberFormat.parse("{yyyy}-{seq:3}").orElseThrow();

        assertThat(format.format(2026, 1)).isEqualTo("2026-001");
        assertThat(format.format(2026, 50)).isEqualTo("2026-050");
        assertThat(format.format(2026, 1234)).isEqualTo("2026-1234");
    }

    @Test
    void literalsTwoDigitYearsAndUnpaddedSequences() {
        assertThat(SettingsNumberFormat.parse("ACME/{yy}/{seq:5}").orElseThrow().format(2026, 42))
                .isEqualTo("ACME/26/00042");
        assertThat(SettingsNumberFormat.parse("{seq}").orElseThrow().format(2031, 7)).isEqualTo("7");
        assertThat(SettingsNumberFormat.parse("R-{seq:2}-{yyyy}").orElseThrow().format(2007, 3))
                .isEqualTo("R-03-2007");
        assertThat(SettingsNumberFormat.parse("{yy}{seq:1}").orElseThrow().format(2100, 9)).isEqualTo("009");
        assertThat(SettingsNumberFormat.parse("Rechnung Nr. {seq:4} ({yyyy})").orElseThrow().format(2026, 12))
                .isEqualTo("Rechnung Nr. 0012 (2026)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "INV-001", "{yyyy}", "{seq}{seq}", "{seq:3}-{seq}", "{yyy}-{seq}", "{YYYY}-{seq}",
            "{seq:0}", "{seq:10}", "{seq:}", "{seq:a}", "{seq", "seq}", "{{seq}}", "{}{seq}", "{ seq }",
            "tab\t{seq}", "new\nline{seq}"})
    void invalidFormatsAreRefused(String format) {
        assertThat(SettingsNumberFormat.isValid(format)).isFalse();
    }

    @Test
    void nullAndOverlongFormatsAreRefused() {
        assertThat(SettingsNumberFormat.isValid(null)).isFalse();
        assertThat(SettingsNumberFormat.isValid("x".repeat(96) + "{seq}")).isFalse();
        assertThat(SettingsNumberFormat.isValid("x".repeat(95) + "{seq}")).isTrue();
    }
}
