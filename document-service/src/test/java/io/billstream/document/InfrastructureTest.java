package io.billstream.document;

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
                "topic=\"billstream.invoice.v1\"",
                "billstream_outbox_pending{",
                "billstream_pdf_render_seconds_bucket{",
                "billstream_email_queue_depth{");
    }
}
