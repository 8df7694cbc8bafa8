package io.billstream.gateway.routing;

import io.billstream.gateway.persistence.SeenInvoiceVersions;
import io.billstream.platform.security.SeenVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The read-your-writes rule of issue 15, one for both ways in (the REST proxy's {@link SeenVersionFilter} and the
 * GraphQL mutations): which answers note the version of an invoice a tenant was given, and which requests carry it
 * on to the service that learns of invoices only from events.
 * <ul>
 * <li>noted: a 2xx answer to {@code POST}/{@code PATCH} under {@code /v1/invoices/{id}} (its {@code ETag}), and to
 * {@code POST /v1/invoices} when the invoice was created issued (the id in {@code Location}; a draft, version 1,
 * cannot be paid, so noting it would only cost a write);</li>
 * <li>carried: {@code POST /v1/payments} (the body's {@code invoiceId}) to payment-service, and
 * {@code POST /v1/invoices/{id}/send} to document-service.</li>
 * </ul>
 * A database that cannot be read or written here only costs the service's own answer without a version.
 */
public class InvoiceVersionsSeen {

    private static final Pattern INVOICE_CHANGE = Pattern.compile("^/v1/invoices/(inv_[A-Za-z0-9]+)(/.*)?$");
    private static final String PAYMENTS = "/v1/payments";
    private static final String SEND = "/send";
    private static final String INVOICES = "/v1/invoices";
    private static final String DRAFT_VERSION = "\"1\"";
    private static final Logger log = LoggerFactory.getLogger(InvoiceVersionsSeen.class);

    private final SeenInvoiceVersions versions;
    private final Clock clock;
    private final Duration keep;

    public InvoiceVersionsSeen(SeenInvoiceVersions versions, Clock clock, Duration keep) {
        this.versions = versions;
        this.clock = clock;
        this.keep = keep;
    }

    /** Whether the request is a payment: the one request whose body names its invoice, so the body must be read. */
    public static boolean isPayment(String method, String path) {
        return "POST".equals(method) && PAYMENTS.equals(path);
    }

    /**
     * The version to sign into the request's internal token, if the tenant was answered with one lately.
     *
     * @param paymentInvoiceId the {@code invoiceId} of a payment's body (read only for a payment), or null
     */
    public Optional<SeenVersion> carried(String tenant, String method, String path,
                                         Supplier<String> paymentInvoiceId) {
        if (!"POST".equals(method)) {
            return Optional.empty();
        }
        if (PAYMENTS.equals(path)) {
            String invoiceId = paymentInvoiceId.get();
            return invoiceId == null ? Optional.empty() : seen(tenant, invoiceId);
        }
        Matcher invoice = INVOICE_CHANGE.matcher(path);
        return invoice.matches() && SEND.equals(invoice.group(2)) ? seen(tenant, invoice.group(1)) : Optional.empty();
    }

    /** Notes the version a 2xx answer gave, when the rule says it is one to note. */
    public void answered(String tenant, String method, String path, int status, String etag, String location) {
        if (status < 200 || status >= 300 || !("POST".equals(method) || "PATCH".equals(method))) {
            return;
        }
        Matcher invoice = INVOICE_CHANGE.matcher(path);
        if (invoice.matches()) {
            note(tenant, invoice.group(1), etag);
            return;
        }
        if (!"POST".equals(method) || !INVOICES.equals(path) || location == null) {
            return;
        }
        Matcher created = INVOICE_CHANGE.matcher(location);
        if (created.matches() && created.group(2) == null && !DRAFT_VERSION.equals(etag)) {
            note(tenant, created.group(1), etag);
        }
    }

    private Optional<SeenVersion> seen(String tenant, String invoiceId) {
        try {
            return versions.find(tenant, invoiceId, clock.instant().minus(keep))
                    .map(version -> new SeenVersion(invoiceId, version));
        } catch (DataAccessException e) {
            log.warn("could not read the version of invoice {} seen: {}", invoiceId, e.toString());
            return Optional.empty();
        }
    }

    private void note(String tenant, String invoiceId, String etag) {
        if (etag == null) {
            return;
        }
        try {
            long version = Long.parseLong(etag.replace("W/", "").replace("\"", "").trim());
            versions.note(tenant, invoiceId, version, clock.instant());
        } catch (NumberFormatException e) {
            // not a version tag
        } catch (DataAccessException e) {
            log.warn("could not note invoice {} at {}: {}", invoiceId, etag, e.toString());
        }
    }
}
