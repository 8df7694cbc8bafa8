package io.billstream.platform.events.data;

import java.util.List;

/**
 * The email settings of docs/api-reference.md §12 as they travel inside invoice events, so document-service (which sends the emails)
 * never reads invoice-service's settings: send the invoice when it is issued, reminders at these offsets in days
 * from the due date (negative = before), a receipt when it is paid.
 */
public record EmailSettingsData(boolean sendInvoicesOnIssue, List<Integer> reminderOffsetsDays, boolean sendReceipts) {

    public EmailSettingsData {
        reminderOffsetsDays = reminderOffsetsDays == null ? List.of() : List.copyOf(reminderOffsetsDays);
    }

    public static final EmailSettingsData NONE = new EmailSettingsData(false, List.of(), false);
}
