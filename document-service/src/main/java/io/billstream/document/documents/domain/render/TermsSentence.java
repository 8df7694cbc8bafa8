package io.billstream.document.documents.domain.render;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/**
 * The payment terms sentence the API contract asks for: "Payment is due within 14 days of the invoice date. A late fee
 * of 1.5% per month applies…".
 */
final class TermsSentence {

    private TermsSentence() {
    }

    static String of(Integer paymentTermsDays, String lateFeePercentPerMonth, LocalDate issueDate, LocalDate dueDate,
                     LocaleFormat format) {
        Integer days = paymentTermsDays;
        if (days == null && issueDate != null && dueDate != null) {
            days = (int) ChronoUnit.DAYS.between(issueDate, dueDate);
        }
        StringBuilder sentence = new StringBuilder();
        if (days == null) {
            sentence.append(dueDate == null ? "" : "Payment is due by " + format.date(dueDate) + ".");
        } else if (days <= 0) {
            sentence.append("Payment is due upon receipt.");
        } else {
            sentence.append("Payment is due within ").append(days).append(days == 1 ? " day" : " days")
                    .append(" of the invoice date.");
        }
        if (lateFeePercentPerMonth != null && new BigDecimal(lateFeePercentPerMonth).signum() > 0) {
            if (!sentence.isEmpty()) {
                sentence.append(' ');
            }
            sentence.append("A late fee of ").append(format.percent(lateFeePercentPerMonth))
                    .append(" per month applies to outstanding balances.");
        }
        return sentence.toString();
    }
}
