package io.billstream.payment.api;

import java.util.List;

/** SPEC §2 list body. */
public record PaymentPage(List<PaymentView> data, String nextCursor) {
}
