package io.billstream.webhook;

import io.billstream.platform.events.EventIds;
import io.billstream.platform.ids.Ids;
import io.billstream.platform.messaging.DatabaseNotifications;
import io.billstream.testsupport.Notifications;
import io.billstream.testsupport.ServiceIntegrationTest;
import io.billstream.webhook.WebhookProperties;
import io.billstream.webhook.delivery.DeliverySignal;
import io.billstream.webhook.delivery.DeliveryWorker;
import io.billstream.webhook.persistence.MessageRepository;
import io.billstream.webhook.support.Api;
import io.billstream.webhook.support.Receiver.Reply;
import io.billstream.webhook.support.Receiver;
import io.billstream.webhook.support.Workers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The delivery worker wakes on signals, not on its poll: the worker here polls once an hour, yet a retry is attempted
 * when it falls due (300 ms in the tests' schedule) and a message committed by another instance starts at once, by
 * PostgreSQL notification. The context's own worker is stopped meanwhile, so the hour-polling one is the only one.
 */
@ServiceIntegrationTest
class DeliveryWakeUpTest extends WebhookTestBase {

    private static final Duration HOUR = Duration.ofHours(1);
    // far below the hour-long poll, and loose enough for a machine busy with other builds (300 ms took 2.7 s once)
    private static final Duration WOKEN = Duration.ofSeconds(10);

    @Autowired
    DeliveryWorker worker;
    @Autowired
    ApplicationContext context;
    @Autowired
    DeliverySignal signal;
    @Autowired
    WebhookProperties properties;
    @Autowired
    DataSource dataSource;
    @Autowired
    DatabaseNotifications notifications;
    @Autowired
    MessageRepository messages;
    @Autowired
    TransactionTemplate tx;

    private DeliveryWorker hourly;
    private DatabaseNotifications otherInstance;

    @BeforeEach
    void onlyAnHourPollingWorker() {
        worker.stop();
    }

    @AfterEach
    void restoreTheContextsWorker() {
        if (hourly != null) {
            hourly.stop();
        }
        if (otherInstance != null) {
            otherInstance.stop();
        }
        worker.start();
    }

    @Test
    void aRetryIsAttemptedWhenItFallsDueNotAtTheNextPoll() {
        // this instance's signal: the commit of the message wakes it in process
        hourly = worker(signal, "hourly-here");
        hourly.start();
        Api api = newTenant();
        String url = receiver.path((n, r) -> n == 1 ? Reply.status(500) : Reply.ok());
        createEndpoint(api, url, "[\"*\"]");
        events().sendInvoiceEvent(api.tenant(), "invoice.issued");

        List<Receiver.Received> requests = await().atMost(WAIT).until(() -> receiver.requests(url),
                r -> r.size() >= 2);
        Duration retriedAfter = Duration.between(requests.get(0).receivedAt(), requests.get(1).receivedAt());
        assertThat(retriedAfter).as("retry due 300 ms after the failure").isLessThan(WOKEN);
    }

    @Test
    void aMessageAnotherInstanceCommitsStartsAtOnceByNotification() {
        // another instance: its own listening connection and signal; the message is committed by this context
        otherInstance = new DatabaseNotifications(() -> DriverManager.getConnection(
                ((com.zaxxer.hikari.HikariDataSource) dataSource).getJdbcUrl(), "postgres", ""));
        DeliverySignal otherSignal = new DeliverySignal(jdbc, otherInstance);
        otherInstance.start();
        assertThat(otherInstance.awaitConnected(Duration.ofSeconds(20))).isTrue();
        hourly = worker(otherSignal, "hourly-elsewhere");
        hourly.start();
        Api api = newTenant();
        String url = receiver.path((n, r) -> Reply.ok());
        String endpointId = createEndpoint(api, url, "[\"*\"]").get("id").asText();
        events().sendInvoiceEvent(api.tenant(), "invoice.issued");

        Receiver.Received first = await().atMost(WAIT).until(() -> receiver.requests(url), r -> !r.isEmpty()).get(0);
        Timestamp created = jdbc.queryForObject("select created_at from webhook_message where endpoint_id = ?",
                Timestamp.class, endpointId);
        assertThat(Duration.between(created.toInstant(), first.receivedAt())).as("from commit to attempt")
                .isLessThan(WOKEN);
        // the outcome is written a moment after the attempt, by the worker's writer thread
        List<String> attemptedBy = await().atMost(WAIT).until(() -> jdbc.queryForList("""
                select a.instance_id from webhook_attempt a join webhook_message m on m.id = a.message_id
                where m.endpoint_id = ?""", String.class, endpointId), rows -> !rows.isEmpty());
        assertThat(attemptedBy).containsExactly("hourly-elsewhere");
    }

    @Test
    void aMessageInsertAnnouncesItselfSignedByTheInstanceThatWroteIt() throws Exception {
        Api api = newTenant();
        String endpointId = createEndpoint(api, receiver.path((n, r) -> Reply.ok()), "[\"*\"]").get("id").asText();
        try (Connection listener = dataSource.getConnection()) {
            Notifications announced = Notifications.listen(listener, DeliverySignal.CHANNEL);
            // a bare insert, no signal: the announcement comes from the insert itself
            tx.executeWithoutResult(status -> messages.insertIfAbsent(Ids.newId("msg"), api.tenant(), endpointId,
                    EventIds.newEventId(), "invoice.issued", "{}"));
            assertThat(announced.drain(2_000)).hasSize(1).allSatisfy(n -> assertThat(n.getParameter())
                    .as("this instance's name, so only the others wake on it").isEqualTo(notifications.self()));
        }
    }

    private DeliveryWorker worker(DeliverySignal wakeUps, String instanceId) {
        WebhookProperties.Worker settings = properties.worker();
        WebhookProperties hourlyPolling = new WebhookProperties(properties.allowHttp(), properties.allowedNetworks(),
                properties.retrySchedule(), properties.retryJitter(), properties.retryAfterCap(),
                properties.attemptTimeout(), properties.disableAfterFailingFor(),
                properties.secretRotationOverlap(), properties.consumerGroup(),
                new WebhookProperties.Worker(true, HOUR, settings.lease(), settings.claimBatch(),
                        settings.maxInFlight()));
        return Workers.another(context, wakeUps, hourlyPolling, instanceId);
    }
}
