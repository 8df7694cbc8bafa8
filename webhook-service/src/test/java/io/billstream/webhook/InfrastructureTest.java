package io.billstream.webhook;

import io.billstream.testsupport.InfrastructureContract;
import io.billstream.testsupport.ServiceIntegrationTest;

import java.util.List;

@ServiceIntegrationTest
class InfrastructureTest extends InfrastructureContract {

    /** docs/api-reference.md §17, as far as this service owns it. */
    @Override
    protected List<String> ownedMetrics() {
        return List.of("http_server_requests_seconds_bucket{",
                "billstream_kafka_consumer_lag_records{",
                "topic=\"billstream.payment.v1\"",
                "billstream_webhooks_queue_depth{",
                "billstream_webhooks_delivery_latency_seconds_bucket{",
                "billstream_webhooks_endpoints{",
                "status=\"disabled\"");
    }
}
