package io.billstream.invoice;

import io.billstream.invoice.invoicing.api.IssueInvoice;
import io.billstream.testsupport.InfrastructureContract;
import io.billstream.testsupport.ServiceIntegrationTest;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.List;

@ServiceIntegrationTest
class InfrastructureTest extends InfrastructureContract {

    @Autowired
    CommandGateway commands;

    /** docs/api-reference.md §17, as far as this service owns it. */
    @Override
    protected List<String> ownedMetrics() {
        return List.of("http_server_requests_seconds_bucket{",
                "billstream_axon_command_seconds_bucket{",
                "command=\"IssueInvoice\"",
                "billstream_axon_processor_lag_events{",
                "processor=\"invoice-integration\"",
                "processor=\"invoice-view\"",
                "billstream_kafka_consumer_lag_records{",
                "topic=\"billstream.payment.v1\"",
                "billstream_outbox_pending{");
    }

    /** A command for an invoice that does not exist: refused, and timed like any other. */
    @Override
    protected void useMeteredParts() {
        try {
            commands.sendAndWait(new IssueInvoice("inv_metrics_probe_does_not_exist", null, null, null));
        } catch (RuntimeException expected) {
            // the refusal is the point: its handling is timed with outcome=failure
        }
    }
}
