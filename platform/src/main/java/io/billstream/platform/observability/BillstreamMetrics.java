package io.billstream.platform.observability;

/**
 * The meters of docs/api-reference.md §17, one name each across every service (Prometheus adds the unit and {@code _total},
 * {@code _bucket} suffixes). deploy/grafana and deploy/prometheus read these names; docs/operations.md lists who
 * exposes which.
 */
public final class BillstreamMetrics {

    /** Timer (histogram) of every HTTP request, Spring's own: tags uri, method, status, outcome. */
    public static final String HTTP_SERVER_REQUESTS = "http.server.requests";
    /** Timer (histogram) of Axon command handling in invoice-service: tags command, outcome. */
    public static final String AXON_COMMAND = "billstream.axon.command";
    /** Gauge: events an Axon streaming processor has still to handle (head of the store minus its position). */
    public static final String AXON_PROCESSOR_LAG = "billstream.axon.processor.lag";
    /** Gauge: records a consumer group has not read yet, per topic (this instance's partitions). */
    public static final String KAFKA_CONSUMER_LAG = "billstream.kafka.consumer.lag";
    /** Counter: records parked on {@code <topic>.dlt}, tag topic. */
    public static final String KAFKA_DEAD_LETTERS = "billstream.kafka.dead.letters";
    /** Gauge: outbox rows not yet acknowledged by Kafka. */
    public static final String OUTBOX_PENDING = "billstream.outbox.pending";
    /** Gauge: age of the oldest outbox row, 0 when empty (a backlog that does not drain grows it). */
    public static final String OUTBOX_OLDEST_AGE = "billstream.outbox.oldest.age";
    /** Gauge: webhook messages waiting for an attempt. */
    public static final String WEBHOOK_QUEUE_DEPTH = "billstream.webhooks.queue.depth";
    /** Timer (histogram): webhook send to answer, tag outcome. */
    public static final String WEBHOOK_DELIVERY_LATENCY = "billstream.webhooks.delivery.latency";
    /** Gauge: webhook endpoints by status (enabled, disabled). */
    public static final String WEBHOOK_ENDPOINTS = "billstream.webhooks.endpoints";
    /** Timer (histogram): one invoice PDF rendered. */
    public static final String PDF_RENDER = "billstream.pdf.render";
    /** Gauge: emails waiting to be sent (defined by the email module). */
    public static final String EMAIL_QUEUE_DEPTH = "billstream.email.queue.depth";
    /** Counter: emails given up on (defined by the email module). */
    public static final String EMAIL_FAILED = "billstream.email.failed";

    private BillstreamMetrics() {
    }
}
