package io.billstream.invoice.api;

import java.util.List;

/** SPEC §2 list body: {@code nextCursor} is null on the last page. */
public record CustomerPage(List<CustomerResponse> data, String nextCursor) {
}
