package io.billstream.invoice.recurring.domain;

import io.billstream.invoice.recurring.api.RecurringSchedule;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** docs/api-reference.md §11 month arithmetic: the anchor day is kept, clamped to shorter months, across leap years. */
class RunCalendarTest {

    private static List<LocalDate> dates(String interval, int count, String anchor, int runs) {
        RecurringSchedule schedule = new RecurringSchedule(interval, count, LocalDate.parse(anchor), null, null);
        return IntStream.range(0, runs).mapToObj(n -> RunCalendar.runDate(schedule, n)).toList();
    }

    private static List<LocalDate> parse(String... dates) {
        return java.util.Arrays.stream(dates).map(LocalDate::parse).toList();
    }

    @Test
    void aMonthlyAnchorOnThe31stRunsOnTheLastDayOfShorterMonthsAndOnThe31stAgain() {
        assertThat(dates("month", 1, "2027-01-31", 13)).containsExactlyElementsOf(parse(
                "2027-01-31", "2027-02-28", "2027-03-31", "2027-04-30", "2027-05-31", "2027-06-30", "2027-07-31",
                "2027-08-31", "2027-09-30", "2027-10-31", "2027-11-30", "2027-12-31", "2028-01-31"));
    }

    @Test
    void inALeapYearFebruaryEndsOnThe29th() {
        assertThat(dates("month", 1, "2028-01-31", 4)).containsExactlyElementsOf(parse(
                "2028-01-31", "2028-02-29", "2028-03-31", "2028-04-30"));
        assertThat(dates("month", 1, "2027-12-30", 4)).containsExactlyElementsOf(parse(
                "2027-12-30", "2028-01-30", "2028-02-29", "2028-03-30"));
    }

    @Test
    void aYearlyAnchorOnTheLeapDayRunsOnThe28thInCommonYears() {
        assertThat(dates("year", 1, "2028-02-29", 5)).containsExactlyElementsOf(parse(
                "2028-02-29", "2029-02-28", "2030-02-28", "2031-02-28", "2032-02-29"));
    }

    @Test
    void quartersAndMultiMonthCountsKeepTheAnchorDay() {
        assertThat(dates("quarter", 1, "2026-11-30", 5)).containsExactlyElementsOf(parse(
                "2026-11-30", "2027-02-28", "2027-05-30", "2027-08-30", "2027-11-30"));
        assertThat(dates("month", 2, "2026-12-31", 4)).containsExactlyElementsOf(parse(
                "2026-12-31", "2027-02-28", "2027-04-30", "2027-06-30"));
        assertThat(dates("month", 12, "2027-02-28", 2)).containsExactlyElementsOf(parse("2027-02-28", "2028-02-28"));
    }

    @Test
    void weeksCountDays() {
        assertThat(dates("week", 2, "2026-12-28", 3)).containsExactlyElementsOf(parse(
                "2026-12-28", "2027-01-11", "2027-01-25"));
    }

    @Test
    void resumingSkipsThePeriodsThatPassedButKeepsToday() {
        RecurringSchedule monthly = new RecurringSchedule("month", 1, LocalDate.parse("2026-01-31"), null, null);
        assertThat(RunCalendar.firstPeriodOnOrAfter(monthly, LocalDate.parse("2026-04-30"), 1)).isEqualTo(3);
        assertThat(RunCalendar.firstPeriodOnOrAfter(monthly, LocalDate.parse("2026-05-01"), 1)).isEqualTo(4);
        assertThat(RunCalendar.firstPeriodOnOrAfter(monthly, LocalDate.parse("2026-01-01"), 2)).isEqualTo(2);
    }
}
