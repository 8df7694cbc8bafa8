package io.billstream.payment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.billstream.payment.support.InvoiceEvents;
import io.billstream.payment.support.PaymentApi;
import io.billstream.platform.events.Topics;
import io.billstream.platform.ids.Ids;
import io.billstream.platform.messaging.IntegrationEventCodec;
import io.billstream.platform.security.InternalTokenService;
import io.billstream.testsupport.KafkaProbe;
import io.billstream.testsupport.ServiceIntegrationTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;

/**
 * The one shared context of this module's integration tests: the whole service on a random port, a fresh
 * PostgreSQL database and the embedded Kafka broker. Invoice events are produced onto the invoice topic as
 * invoice-service would; payment events are read back from the payment topic with an independent consumer.
 */
@ServiceIntegrationTest
abstract class PaymentIntegrationTest {

    protected static final Duration KAFKA_WAIT = Duration.ofSeconds(30);

    @Autowired
    protected InternalTokenService tokens;
    @Autowired
    protected ObjectMapper mapper;
    @Autowired
    protected IntegrationEventCodec codec;
    @Autowired
    protected JdbcTemplate jdbc;
    @Autowired
    protected Environment environment;
    @LocalServerPort
    protected int port;

    protected PaymentApi api;
    protected KafkaProbe kafka;
    protected InvoiceEvents invoices;

    @BeforeEach
    void connect() {
        api = new PaymentApi(port, tokens, mapper);
        kafka = new KafkaProbe(environment.getRequiredProperty("spring.kafka.bootstrap-servers"), Topics.PAYMENT);
        invoices = new InvoiceEvents(kafka, codec);
    }

    @AfterEach
    void disconnect() {
        kafka.close();
    }

    protected static String newTenant() {
        return Ids.newId("ten");
    }

    /** Waits until the ledger holds the invoice at {@code version} or newer. */
    protected void awaitLedger(InvoiceEvents.Invoice invoice) {
        await().atMost(KAFKA_WAIT).until(() -> jdbc.queryForObject(
                "select count(*) from invoice_ledger where invoice_id = ? and invoice_version >= ?",
                Integer.class, invoice.id, invoice.version) == 1);
    }

    protected Map<String, Object> ledgerRow(String invoiceId) {
        return jdbc.queryForMap("select * from invoice_ledger where invoice_id = ?", invoiceId);
    }

    protected BigDecimal paidNet(String invoiceId) {
        return jdbc.queryForObject("select paid_net from invoice_ledger where invoice_id = ?", BigDecimal.class,
                invoiceId);
    }

    /** payment.* records about this invoice (record key), waiting for at least {@code count}. */
    protected List<ConsumerRecord<String, String>> paymentRecords(String invoiceId, int count) {
        return kafka.await(r -> invoiceId.equals(r.key()), count, KAFKA_WAIT);
    }

    protected JsonNode json(String value) {
        try {
            return mapper.readTree(value);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
