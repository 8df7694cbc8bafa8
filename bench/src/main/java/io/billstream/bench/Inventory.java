package io.billstream.bench;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Issued, unpaid invoices left by the write path, so the end-to-end scenario pays invoices issued minutes earlier
 * instead of spending minutes preparing its own (on a 2-core machine that matters for the time window).
 */
final class Inventory {

    private static final Pattern AMOUNT_DUE = Pattern.compile("\"amountDue\"\\s*:\\s*\"([0-9.]+)\"");

    private final Tenant tenant;
    private final int capacity;
    private final ConcurrentLinkedQueue<EndToEnd.Prepared> issued = new ConcurrentLinkedQueue<>();
    private final AtomicInteger size = new AtomicInteger();

    Inventory(Tenant tenant, int capacity) {
        this.tenant = tenant;
        this.capacity = capacity;
    }

    Tenant tenant() {
        return tenant;
    }

    /** Keeps an issued invoice from an issue response, until the capacity is reached. */
    void offer(Http.Response issueResponse) {
        if (size.get() >= capacity) {
            return;
        }
        Matcher m = AMOUNT_DUE.matcher(issueResponse.body());
        if (m.find() && size.incrementAndGet() <= capacity) {
            issued.add(new EndToEnd.Prepared(Tenant.invoiceId(issueResponse.body()), m.group(1)));
        }
    }

    EndToEnd.Prepared take() {
        return issued.poll();
    }

    int available() {
        return issued.size();
    }
}
