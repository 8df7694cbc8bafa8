package io.billstream.invoice.customers.web;

import java.util.List;

/** SPEC §2 list body: {@code nextCursor} is null on the last page. */
public record CustomerPage(List<CustomerView> data, String nextCursor) {
}
