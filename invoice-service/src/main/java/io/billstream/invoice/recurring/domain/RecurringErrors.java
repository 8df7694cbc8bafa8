package io.billstream.invoice.recurring.domain;

import io.billstream.platform.errors.DomainException;
import io.billstream.platform.errors.ErrorCode;

public final class RecurringErrors {

    private RecurringErrors() {
    }

    public static DomainException notFound() {
        return DomainException.notFound("Recurring invoice");
    }

    public static DomainException notActive(RecurringStatus status) {
        return DomainException.of(ErrorCode.SCHEDULE_NOT_ACTIVE,
                "A " + status.wire() + " recurring invoice cannot be changed.");
    }

    public static DomainException notPaused() {
        return DomainException.of(ErrorCode.SCHEDULE_NOT_PAUSED, "Only a paused recurring invoice can be resumed.");
    }
}
