package io.billstream.invoice.recurring.domain;

import io.billstream.platform.web.ApiException;
import io.billstream.platform.web.ErrorCodes;

public final class RecurringErrors {

    private RecurringErrors() {
    }

    public static ApiException notFound() {
        return ApiException.notFound("Recurring invoice");
    }

    public static ApiException notActive(RecurringStatus status) {
        return ApiException.conflict(ErrorCodes.SCHEDULE_NOT_ACTIVE,
                "A " + status.wire() + " recurring invoice cannot be changed.");
    }

    public static ApiException notPaused() {
        return ApiException.conflict(ErrorCodes.SCHEDULE_NOT_PAUSED, "Only a paused recurring invoice can be resumed.");
    }
}
