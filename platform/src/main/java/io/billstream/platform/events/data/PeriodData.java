package io.billstream.platform.events.data;

import java.time.LocalDate;

public record PeriodData(LocalDate start, LocalDate end) {
}
