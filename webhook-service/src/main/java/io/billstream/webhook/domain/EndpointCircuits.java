package io.billstream.webhook.domain;

/** Port: the per-endpoint circuit breakers and bulkheads the delivery worker keeps on this instance. */
public interface EndpointCircuits {

    /** Drops the state of a deleted endpoint. */
    void forget(String endpointId);
}
