package io.billstream.invoice.customers.domain;

import io.billstream.platform.paging.KeysetCursor;
import io.billstream.platform.concurrency.ExpectedVersion;
import io.billstream.platform.ids.Ids;
import io.billstream.platform.security.Caller;
import io.billstream.platform.errors.DomainException;
import io.billstream.platform.errors.ErrorCode;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.UnaryOperator;

/** Customer use cases; each change and its customer.* event commit together (outbox). */
@Service
public class CustomerService {

    public static final String ID_PREFIX = "cus";

    private final CustomerStore customers;
    private final CustomerEvents events;
    private final OpenInvoices openInvoices;
    private final Clock clock;

    public CustomerService(CustomerStore customers, CustomerEvents events, OpenInvoices openInvoices,
                           Clock clock) {
        this.customers = customers;
        this.events = events;
        this.openInvoices = openInvoices;
        this.clock = clock;
    }

    @Transactional
    public Customer create(Caller caller, CustomerDetails details) {
        Instant now = now();
        Customer customer = new Customer(Ids.newId(ID_PREFIX), caller.tenant(), details.name(), details.email(),
                details.address(), details.taxId(), details.locale(), details.metadata(), false, 1, now, now,
                details.buyerReference());
        customers.insert(customer);
        events.created(customer);
        return customer;
    }

    @Transactional(readOnly = true)
    public Customer get(Caller caller, String id) {
        return customers.find(caller.tenant(), id).orElseThrow(CustomerService::notFound);
    }

    @Transactional(readOnly = true)
    public List<Customer> page(Caller caller, String email, boolean includeArchived, KeysetCursor after,
                               int limit) {
        return customers.page(caller.tenant(), email, includeArchived, after, limit);
    }

    /** Batch lookup by id within the caller's tenant (the gateway's GraphQL batching uses it). */
    @Transactional(readOnly = true)
    public List<Customer> byIds(Caller caller, java.util.Collection<String> ids) {
        return customers.findAll(caller.tenant(), ids);
    }

    /**
     * Applies {@code change} to the current details under a row lock, so the change is computed from the
     * version it replaces. A change that alters nothing is a no-op: same version, no event.
     */
    @Transactional
    public Customer update(Caller caller, String id, ExpectedVersion expected,
                           UnaryOperator<CustomerDetails> change) {
        Customer current = lockMatching(caller, id, expected);
        CustomerDetails details = change.apply(current.details());
        if (details.equals(current.details())) {
            return current;
        }
        Customer updated = current.withDetails(details, now());
        customers.update(updated);
        events.updated(updated);
        return updated;
    }

    /** DELETE: archives; archiving an archived customer changes nothing. */
    @Transactional
    public Customer archive(Caller caller, String id, ExpectedVersion expected) {
        Customer current = lockMatching(caller, id, expected);
        if (current.archived()) {
            return current;
        }
        if (openInvoices.existFor(caller.tenantId(), id)) {
            throw DomainException.of(ErrorCode.CUSTOMER_HAS_OPEN_INVOICES,
                    "The customer has open, overdue or partly paid invoices.");
        }
        Customer archived = current.archive(now());
        customers.update(archived);
        events.updated(archived);
        return archived;
    }

    private Customer lockMatching(Caller caller, String id, ExpectedVersion expected) {
        Customer current = customers.lock(caller.tenant(), id).orElseThrow(CustomerService::notFound);
        if (!expected.matches(current.version())) {
            throw DomainException.versionMismatch(current.version());
        }
        return current;
    }

    /** Microseconds: what PostgreSQL keeps, so the response shows what a later read returns. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private static DomainException notFound() {
        return DomainException.notFound("Customer");
    }
}
