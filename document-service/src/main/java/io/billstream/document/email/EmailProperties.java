package io.billstream.document.email;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.util.List;

/**
 * {@code billstream.email.*}. The SMTP server itself is Spring's {@code spring.mail.*}.
 *
 * @param from           the sender address; the display name is the seller's name, replies go to the seller
 * @param messageIdDomain right-hand side of every Message-ID ({@code <eml_…@domain>})
 * @param retryDelays    wait before attempt 2, 3, …; when they run out the email fails (default ≈ 23 h in all)
 * @param pollInterval   the safety-net poll: the worker sleeps until the next email or reminder is due, and a new
 *                       one wakes it at once
 * @param lease          how long a claimed email stays locked to its instance while being sent
 * @param batchSize      emails claimed at once
 * @param reminderHourUtc the hour (UTC) of the day on which reminders fire
 * @param invoiceWait    how long a send waits for an invoice version its caller has already seen to arrive here
 *                       before answering 503 (docs/document-service.md, "Sending right after a change")
 * @param invoicePoll    how often the invoice is re-read during that wait
 */
@ConfigurationProperties("billstream.email")
public record EmailProperties(
        @DefaultValue("invoices@billstream.local") String from,
        @DefaultValue("billstream.local") String messageIdDomain,
        @DefaultValue({"30s", "1m", "5m", "15m", "30m", "1h", "2h", "4h", "8h", "7h"}) List<Duration> retryDelays,
        @DefaultValue("30s") Duration pollInterval,
        @DefaultValue("2m") Duration lease,
        @DefaultValue("10") int batchSize,
        @DefaultValue("9") int reminderHourUtc,
        @DefaultValue("2s") Duration invoiceWait,
        @DefaultValue("20ms") Duration invoicePoll) {
}
