package io.billstream.invoice.customers.domain;

/**
 * The customer.* integration events. Implementations must write in the caller's transaction (an outbox), so a
 * change and its event commit together.
 */
public interface CustomerEvents {

    void created(Customer customer);

    void updated(Customer customer);
}
