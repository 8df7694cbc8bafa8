package io.billstream.invoice.recurring.domain;

import io.billstream.invoice.recurring.api.RecurringSchedule;

import java.time.LocalDate;
import java.util.Set;

/**
 * Run dates of a schedule. Period n's date is always computed from the anchor (anchor + n × count intervals), never
 * from the previous run, so an anchor on the 31st runs on the last day of shorter months and on the 31st again after
 * (31 Jan, 28/29 Feb, 31 Mar, 30 Apr, …), and 29 Feb runs on 28 Feb in common years and 29 Feb in leap years.
 */
public final class RunCalendar {

    public static final Set<String> INTERVALS = Set.of("week", "month", "quarter", "year");
    public static final int MIN_COUNT = 1;
    public static final int MAX_COUNT = 12;

    private RunCalendar() {
    }

    public static LocalDate runDate(RecurringSchedule schedule, int period) {
        long steps = (long) period * schedule.intervalCount();
        LocalDate anchor = schedule.anchorDate();
        return switch (schedule.interval()) {
            case "week" -> anchor.plusWeeks(steps);
            case "month" -> anchor.plusMonths(steps);
            case "quarter" -> anchor.plusMonths(3 * steps);
            case "year" -> anchor.plusYears(steps);
            default -> throw new IllegalArgumentException("unknown interval " + schedule.interval());
        };
    }

    /** The first period from {@code from} on whose run date is not before {@code day}. */
    public static int firstPeriodOnOrAfter(RecurringSchedule schedule, LocalDate day, int from) {
        int period = from;
        while (runDate(schedule, period).isBefore(day)) {
            period++;
        }
        return period;
    }
}
