package io.billstream.invoice;

import io.billstream.platform.events.Topics;
import io.billstream.platform.security.InternalTokenService;
import io.billstream.testsupport.KafkaProbe;
import io.billstream.testsupport.ServiceIntegrationTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The event store is invoice-service's outbox, so the trace travels in the events' metadata: a client's traceparent
 * on {@code POST /v1/invoices/{id}/issue} is on the {@code invoice.issued} record the pooled processor sends later.
 */
@ServiceIntegrationTest
class InvoiceTraceContextTest {

    private static final String TRACE_ID = "8a3c60f7d188f8fa79d48a391a778fa6";

    @Autowired
    InternalTokenService tokens;
    @Value("${local.server.port}")
    int port;
    @Value("${spring.kafka.bootstrap-servers}")
    String brokers;

    @Test
    void theIssuingRequestsTraceReachesTheInvoiceIssuedRecord() {
        InvoiceHttp http = new InvoiceHttp(tokens, port);
        String id = http.draft();
        try (KafkaProbe probe = new KafkaProbe(brokers, Topics.INVOICE)) {
            var issued = http.send("POST", "/v1/invoices/" + id + "/issue", "{}",
                    Map.of("traceparent", "00-" + TRACE_ID + "-a2fb4a1d1a96d312-01"));
            assertThat(issued.status()).isEqualTo(200);
            ConsumerRecord<String, String> record = probe.await(r -> id.equals(r.key())
                    && r.value().contains("\"invoice.issued\""), 1, Duration.ofSeconds(30)).get(0);
            Header traceparent = record.headers().lastHeader("traceparent");
            assertThat(traceparent).isNotNull();
            assertThat(new String(traceparent.value(), StandardCharsets.UTF_8)).contains("-" + TRACE_ID + "-");
        }
    }
}
