package io.billstream.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import io.billstream.platform.events.Topics;
import io.billstream.testsupport.KafkaProbe;
import io.billstream.testsupport.ServiceIntegrationTest;
import io.billstream.webhook.support.Api;
import io.billstream.webhook.support.Events;
import io.billstream.webhook.support.Receiver;
import io.billstream.webhook.support.Receiver.Reply;
import io.billstream.webhook.support.StandardWebhooksVerifier;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@ServiceIntegrationTest
class WebhookDeliveryTest extends WebhookTestBase {

    @Test
    void deliversAKafkaEventSignedPerStandardWebhooks() throws Exception {
        Api api = newTenant();
        String url = receiver.path();
        JsonNode endpoint = createEndpoint(api, url, "[\"invoice.paid\"]");
        String secret = api.get("/v1/webhook-endpoints/" + endpoint.get("id").asText() + "/secret")
                .body().get("secret").asText();
        assertThat(secret).isEqualTo(endpoint.get("secret").asText()).startsWith("whsec_");

        Events.Sent ignored = events().sendInvoiceEvent(api.tenant(), "invoice.issued");
        Events.Sent paid = events().sendInvoiceEvent(api.tenant(), "invoice.paid");

        Receiver.Received request = await().atMost(WAIT).until(() -> receiver.requests(url), r -> !r.isEmpty())
                .get(0);
        JsonNode body = mapper.readTree(request.body());
        assertThat(body.get("type").asText()).isEqualTo("invoice.paid");
        assertThat(body.get("data")).isEqualTo(paid.data());
        assertThat(Instant.parse(body.get("timestamp").asText())).isNotNull();
        assertThat(request.header("webhook-id")).startsWith("msg_");
        assertThat(Long.parseLong(request.header("webhook-timestamp")))
                .isBetween(Instant.now().minusSeconds(60).getEpochSecond(), Instant.now().getEpochSecond());
        assertThat(StandardWebhooksVerifier.matchingSecrets(List.of(secret), request.header("webhook-id"),
                request.header("webhook-timestamp"), request.body(), request.header("webhook-signature")))
                .containsExactly(secret);
        assertThat(StandardWebhooksVerifier.matchingSecrets(List.of(secret), request.header("webhook-id"),
                request.header("webhook-timestamp"), request.body() + " ", request.header("webhook-signature")))
                .as("a changed body no longer verifies").isEmpty();

        JsonNode message = awaitMessage(api, endpoint.get("id").asText(), "delivered");
        assertThat(message.get("id").asText()).isEqualTo(request.header("webhook-id"));
        assertThat(message.get("eventId").asText()).isEqualTo(paid.id());
        assertThat(message.get("type").asText()).isEqualTo("invoice.paid");
        assertThat(receiver.requests(url)).as("invoice.issued is filtered out").hasSize(1);
        assertThat(ignored.id()).isNotEqualTo(paid.id());
    }

    @Test
    void aReceiverFailingTwiceGetsTheSameWebhookIdThreeTimes() {
        Api api = newTenant();
        String url = receiver.path((n, r) -> n <= 2 ? Reply.status(500) : Reply.ok());
        JsonNode endpoint = createEndpoint(api, url, "[\"*\"]");
        events().sendInvoiceEvent(api.tenant(), "invoice.issued");

        List<Receiver.Received> requests = await().atMost(WAIT).until(() -> receiver.requests(url),
                r -> r.size() >= 3);
        assertThat(requests).extracting(r -> r.header("webhook-id")).containsOnly(requests.get(0).header("webhook-id"));

        JsonNode message = awaitMessage(api, endpoint.get("id").asText(), "delivered");
        assertThat(message.get("attempts").asInt()).isEqualTo(3);
        assertThat(message.get("nextAttemptAt").isNull()).isTrue();
        JsonNode attempts = api.get("/v1/webhook-messages/" + message.get("id").asText() + "/attempts").body()
                .get("data");
        assertThat(attempts).hasSize(3);
        // newest first
        assertThat(attempts).extracting(a -> a.get("responseStatus").asInt()).containsExactly(200, 500, 500);
        assertThat(attempts.get(2).get("responseBody").asText()).isEqualTo("status 500");
        assertThat(attempts.get(2).get("error").asText()).isEqualTo("HTTP 500");
        assertThat(attempts.get(0).get("error").isNull()).isTrue();
        assertThat(receiver.requests(url)).hasSize(3);
    }

    @Test
    void aReceiverAnswering410DisablesTheEndpointAndNotifies() {
        Api api = newTenant();
        String url = receiver.path((n, r) -> Reply.status(410));
        JsonNode endpoint = createEndpoint(api, url, "[\"*\"]");
        String id = endpoint.get("id").asText();
        events().sendInvoiceEvent(api.tenant(), "invoice.issued");

        await().atMost(WAIT).until(() -> api.get("/v1/webhook-endpoints/" + id).body().get("status").asText(),
                "disabled"::equals);
        JsonNode message = awaitMessage(api, id, "failed");
        assertThat(message.get("attempts").asInt()).isEqualTo(1);
        JsonNode notifications = api.get("/v1/notifications?unread=true").body().get("data");
        assertThat(notifications).anySatisfy(n -> {
            assertThat(n.get("type").asText()).isEqualTo("webhook_endpoint.disabled");
            assertThat(n.get("data").get("endpointId").asText()).isEqualTo(id);
            assertThat(n.get("message").asText()).contains("410");
        });

        // a disabled endpoint gets no new messages (the paid event's notification shows it was consumed)
        events().sendInvoiceEvent(api.tenant(), "invoice.issued");
        Events.Sent marker = events().sendInvoiceEvent(api.tenant(), "invoice.paid");
        await().atMost(WAIT).until(() -> api.get("/v1/notifications").body().get("data"),
                d -> d.findValuesAsText("eventId").contains(marker.id()));
        assertThat(api.get("/v1/webhook-endpoints/" + id + "/messages").body().get("data")).hasSize(1);
        assertThat(receiver.requests(url)).hasSize(1);
    }

    @Test
    void retryAfterIsHonoured() {
        Api api = newTenant();
        String url = receiver.path((n, r) -> n == 1
                ? new Reply(429, Map.of("Retry-After", "2"), "slow down")
                : Reply.ok());
        JsonNode endpoint = createEndpoint(api, url, "[\"*\"]");
        events().sendInvoiceEvent(api.tenant(), "invoice.issued");

        List<Receiver.Received> requests = await().atMost(WAIT).until(() -> receiver.requests(url),
                r -> r.size() >= 2);
        Duration gap = Duration.between(requests.get(0).receivedAt(), requests.get(1).receivedAt());
        assertThat(gap).as("the schedule alone would retry after 300 ms").isGreaterThanOrEqualTo(Duration.ofSeconds(2));
        JsonNode message = awaitMessage(api, endpoint.get("id").asText(), "delivered");
        JsonNode attempts = api.get("/v1/webhook-messages/" + message.get("id").asText() + "/attempts").body()
                .get("data");
        assertThat(attempts).extracting(a -> a.get("responseStatus").asInt()).containsExactly(200, 429);
    }

    @Test
    void aKafkaEventDeliveredTwiceCreatesOneMessage() {
        Api api = newTenant();
        String url = receiver.path();
        JsonNode endpoint = createEndpoint(api, url, "[\"invoice.issued\", \"invoice.paid\"]");
        String id = endpoint.get("id").asText();
        Events.Sent issued = events().invoiceEvent(api.tenant(), "invoice.issued");
        events().send(issued);
        events().send(issued);
        // same key, so same partition: once this one is in, both copies above have been consumed
        Events.Sent after = events().send(events().build(api.tenant(), "invoice.paid", issued.subject(),
                issued.data()));

        await().atMost(WAIT).until(() -> api.get("/v1/webhook-endpoints/" + id + "/messages?status=delivered")
                .body().get("data").size() >= 2);
        JsonNode messages = api.get("/v1/webhook-endpoints/" + id + "/messages").body().get("data");
        assertThat(messages).extracting(m -> m.get("eventId").asText())
                .containsExactlyInAnyOrder(issued.id(), after.id());
        assertThat(jdbc.queryForObject("select count(*) from webhook_message where event_id = ?", Integer.class,
                issued.id())).isEqualTo(1);
        assertThat(receiver.requests(url)).hasSize(2);
    }

    @Test
    void anEventNoEndpointWantsAndNothingNotifiesLeavesNoRow() {
        Api api = newTenant();
        String url = receiver.path();
        createEndpoint(api, url, "[\"invoice.paid\"]");
        Events.Sent issued = events().sendInvoiceEvent(api.tenant(), "invoice.issued");
        // same key, so same partition: once this one is delivered, the one above has been consumed
        Events.Sent paid = events().send(events().build(api.tenant(), "invoice.paid", issued.subject(),
                issued.data()));

        await().atMost(WAIT).until(() -> receiver.requests(url), r -> !r.isEmpty());
        String marks = "select count(*) from processed_event where event_id = ?";
        assertThat(jdbc.queryForObject(marks, Integer.class, paid.id())).isEqualTo(1);
        assertThat(jdbc.queryForObject(marks, Integer.class, issued.id()))
                .as("a filtered-out event is passed by without a write").isZero();
        assertThat(jdbc.queryForObject("select count(*) from webhook_message where event_id = ?", Integer.class,
                issued.id())).isZero();
    }

    @Test
    void aMalformedRecordBetweenTwoGoodOnesIsParkedAndTheGoodOnesAreDelivered() {
        Api api = newTenant();
        String url = receiver.path();
        JsonNode endpoint = createEndpoint(api, url, "[\"*\"]");
        String id = endpoint.get("id").asText();
        Events.Sent issued = events().invoiceEvent(api.tenant(), "invoice.issued");
        String malformed = "{\"id\":\"evt_" + UUID.randomUUID() + "\",\"type\":";
        // one key, so one partition: the three arrive in this order, usually in one poll (one batch)
        events().send(issued);
        probe.send(Topics.INVOICE, issued.subject(), malformed);
        Events.Sent paid = events().send(events().build(api.tenant(), "invoice.paid", issued.subject(),
                issued.data()));

        await().atMost(WAIT).until(() -> api.get("/v1/webhook-endpoints/" + id + "/messages?status=delivered")
                .body().get("data").size() == 2);
        assertThat(api.get("/v1/webhook-endpoints/" + id + "/messages").body().get("data"))
                .extracting(m -> m.get("eventId").asText()).containsExactlyInAnyOrder(issued.id(), paid.id());
        try (KafkaProbe deadLetters = new KafkaProbe(brokers, Topics.deadLetter(Topics.INVOICE))) {
            deadLetters.await(r -> malformed.equals(r.value()), 1, WAIT);
        }
    }

    @Test
    void rotatingTheSecretSignsWithBothForAWhile() throws Exception {
        Api api = newTenant();
        String url = receiver.path();
        JsonNode endpoint = createEndpoint(api, url, "[\"invoice.paid\"]");
        String id = endpoint.get("id").asText();
        String oldSecret = endpoint.get("secret").asText();

        Api.Response rotated = api.post("/v1/webhook-endpoints/" + id + "/rotate-secret", null);
        assertThat(rotated.status()).isEqualTo(200);
        String newSecret = rotated.body().get("secret").asText();
        assertThat(newSecret).startsWith("whsec_").isNotEqualTo(oldSecret);
        assertThat(api.get("/v1/webhook-endpoints/" + id + "/secret").body().get("secret").asText())
                .isEqualTo(newSecret);

        Api.Response test = api.post("/v1/webhook-endpoints/" + id + "/test", null);
        assertThat(test.status()).isEqualTo(202);
        assertThat(test.body().get("type").asText()).isEqualTo("webhook.test");

        Receiver.Received request = await().atMost(WAIT).until(() -> receiver.requests(url), r -> !r.isEmpty())
                .get(0);
        assertThat(request.header("webhook-id")).isEqualTo(test.body().get("id").asText());
        assertThat(request.header("webhook-signature").split(" ")).hasSize(2);
        assertThat(StandardWebhooksVerifier.matchingSecrets(List.of(newSecret, oldSecret),
                request.header("webhook-id"), request.header("webhook-timestamp"), request.body(),
                request.header("webhook-signature"))).containsExactly(newSecret, oldSecret);
    }

    @Test
    void manualRetryAndRecoverResendWithTheSameWebhookId() {
        Api api = newTenant();
        String url = receiver.path((n, r) -> n <= 5 ? Reply.status(500) : Reply.ok());
        JsonNode endpoint = createEndpoint(api, url, "[\"*\"]");
        String id = endpoint.get("id").asText();
        Instant before = Instant.now().minusSeconds(5);
        events().sendInvoiceEvent(api.tenant(), "invoice.issued");

        // 1 attempt + 4 scheduled retries, all failing
        JsonNode failed = awaitMessage(api, id, "failed");
        assertThat(failed.get("attempts").asInt()).isEqualTo(5);
        String messageId = failed.get("id").asText();

        Api.Response retried = api.post("/v1/webhook-messages/" + messageId + "/retry", null);
        assertThat(retried.status()).isEqualTo(200);
        assertThat(retried.body().get("id").asText()).isEqualTo(messageId);
        assertThat(retried.body().get("status").asText()).isEqualTo("pending");
        await().atMost(WAIT).until(() -> api.get("/v1/webhook-messages/" + messageId).body().get("status")
                .asText(), "delivered"::equals);
        assertThat(receiver.requests(url)).hasSize(6)
                .extracting(r -> r.header("webhook-id")).containsOnly(messageId);

        Api.Response recovered = api.post("/v1/webhook-endpoints/" + id + "/recover",
                "{\"since\":\"" + before + "\"}");
        assertThat(recovered.status()).isEqualTo(200);
        assertThat(recovered.body().get("requeued").asInt()).isZero();
    }

    @Test
    void recoverRequeuesFailedMessagesSinceAnInstant() {
        Api api = newTenant();
        // fewer failures than the circuit breaker's minimum, so the recovery attempt is really sent
        String url = receiver.path((n, r) -> n <= 5 ? Reply.status(503) : Reply.ok());
        JsonNode endpoint = createEndpoint(api, url, "[\"*\"]");
        String id = endpoint.get("id").asText();
        Instant before = Instant.now().minusSeconds(5);
        events().sendInvoiceEvent(api.tenant(), "invoice.issued");
        JsonNode failed = awaitMessage(api, id, "failed");

        Api.Response none = api.post("/v1/webhook-endpoints/" + id + "/recover",
                "{\"since\":\"" + Instant.now().plusSeconds(60) + "\"}");
        assertThat(none.body().get("requeued").asInt()).isZero();
        Api.Response recovered = api.post("/v1/webhook-endpoints/" + id + "/recover",
                "{\"since\":\"" + before + "\"}");
        assertThat(recovered.status()).isEqualTo(200);
        assertThat(recovered.body().get("requeued").asInt()).isEqualTo(1);
        JsonNode delivered = awaitMessage(api, id, "delivered");
        assertThat(delivered.get("id").asText()).isEqualTo(failed.get("id").asText());
        assertThat(delivered.get("attempts").asInt()).isEqualTo(6);
    }

    @Test
    void invoicePaidCreatesANotification() {
        Api api = newTenant();
        Events.Sent paid = events().sendInvoiceEvent(api.tenant(), "invoice.paid");
        events().sendInvoiceEvent(api.tenant(), "invoice.issued");

        JsonNode notification = await().atMost(WAIT).until(
                () -> api.get("/v1/notifications?unread=true").body().get("data"), d -> d.size() > 0).get(0);
        assertThat(notification.get("id").asText()).startsWith("ntf_");
        assertThat(notification.get("type").asText()).isEqualTo("invoice.paid");
        assertThat(notification.get("read").asBoolean()).isFalse();
        assertThat(notification.get("message").asText()).contains(paid.data().get("number").asText());
        assertThat(notification.get("data").get("invoiceId").asText()).isEqualTo(paid.subject());
        assertThat(notification.get("createdAt").asText()).isNotEmpty();

        Api.Response read = api.post("/v1/notifications/" + notification.get("id").asText() + "/read", null);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.body().get("read").asBoolean()).isTrue();
        assertThat(api.get("/v1/notifications?unread=true").body().get("data")).isEmpty();
        assertThat(api.get("/v1/notifications").body().get("data")).hasSize(1);
        assertThat(newTenant().post("/v1/notifications/" + notification.get("id").asText() + "/read", null)
                .status()).isEqualTo(404);
    }

    @Test
    void redirectsAreNotFollowed() {
        Api api = newTenant();
        String target = receiver.path();
        String url = receiver.path((n, r) -> new Reply(307, Map.of("Location", target), ""));
        JsonNode endpoint = createEndpoint(api, url, "[\"*\"]");
        events().sendInvoiceEvent(api.tenant(), "invoice.issued");

        JsonNode message = awaitMessage(api, endpoint.get("id").asText(), "failed");
        JsonNode attempts = api.get("/v1/webhook-messages/" + message.get("id").asText() + "/attempts").body()
                .get("data");
        assertThat(attempts).hasSize(5).allSatisfy(a -> {
            assertThat(a.get("responseStatus").asInt()).isEqualTo(307);
            assertThat(a.get("error").asText()).contains("redirect not followed");
        });
        assertThat(receiver.requests(target)).isEmpty();
    }

    @Test
    void theAddressIsCheckedAgainAtEveryAttempt() {
        Api api = newTenant();
        String url = receiver.path();
        JsonNode endpoint = createEndpoint(api, url, "[\"*\"]");
        String id = endpoint.get("id").asText();
        // as if the name now pointed somewhere internal: the stored URL no longer passes the guard
        jdbc.update("update webhook_endpoint set url = 'http://169.254.169.254/latest/meta-data/' where id = ?", id);
        events().sendInvoiceEvent(api.tenant(), "invoice.issued");

        JsonNode message = awaitMessage(api, id, "failed");
        JsonNode attempts = api.get("/v1/webhook-messages/" + message.get("id").asText() + "/attempts").body()
                .get("data");
        assertThat(attempts).isNotEmpty().allSatisfy(a -> {
            assertThat(a.get("responseStatus").isNull()).isTrue();
            assertThat(a.get("error").asText()).startsWith("url_not_allowed");
        });
        assertThat(receiver.requests(url)).isEmpty();
    }

    @Test
    void anEndpointFailingForFiveDaysIsDisabled() {
        Api api = newTenant();
        String url = receiver.path((n, r) -> Reply.status(500));
        JsonNode endpoint = createEndpoint(api, url, "[\"*\"]");
        String id = endpoint.get("id").asText();
        jdbc.update("update webhook_endpoint set failing_since = now() - interval '5 days 1 minute' where id = ?", id);
        events().sendInvoiceEvent(api.tenant(), "invoice.issued");

        await().atMost(WAIT).until(() -> api.get("/v1/webhook-endpoints/" + id).body().get("status").asText(),
                "disabled"::equals);
        JsonNode notification = await().atMost(WAIT).until(() -> api.get("/v1/notifications").body().get("data"),
                d -> d.size() > 0).get(0);
        assertThat(notification.get("type").asText()).isEqualTo("webhook_endpoint.disabled");
        assertThat(notification.get("message").asText()).contains("5 days");
        assertThat(receiver.requests(url)).hasSize(1);
    }

    @Test
    void refundsAndOverdueInvoicesAreNotified() {
        Api api = newTenant();
        Events.Sent overdue = events().sendInvoiceEvent(api.tenant(), "invoice.overdue");
        com.fasterxml.jackson.databind.node.ObjectNode payment = mapper.createObjectNode();
        payment.put("id", "pay_test1");
        payment.put("invoiceId", overdue.subject());
        payment.put("amount", "100.00");
        payment.put("currency", "EUR");
        payment.put("refundedAmount", "40.00");
        payment.putObject("refund").put("id", "ref_test1").put("amount", "40.00");
        events().send(events().build(api.tenant(), "payment.refunded", overdue.subject(), payment));

        JsonNode data = await().atMost(WAIT).until(() -> api.get("/v1/notifications").body().get("data"),
                d -> d.size() == 2);
        // two topics: no order between them
        Map<String, JsonNode> byType = new java.util.HashMap<>();
        data.forEach(n -> byType.put(n.get("type").asText(), n));
        assertThat(byType).containsOnlyKeys("payment.refunded", "invoice.overdue");
        assertThat(byType.get("payment.refunded").get("data").get("refundId").asText()).isEqualTo("ref_test1");
        assertThat(byType.get("payment.refunded").get("message").asText()).contains("40.00 EUR");
        assertThat(byType.get("invoice.overdue").get("data").get("invoiceId").asText()).isEqualTo(overdue.subject());
        assertThat(byType.get("invoice.overdue").get("message").asText()).contains("overdue");
    }

    @Test
    void aCreditNoteRefundThatCouldNotBeMadeIsNotified() {
        Api api = newTenant();
        com.fasterxml.jackson.databind.node.ObjectNode failure = mapper.createObjectNode();
        failure.put("creditNoteId", "cn_test1");
        failure.put("invoiceId", "inv_test1");
        failure.put("currency", "EUR");
        failure.put("requestedAmount", "30.00");
        failure.put("refundedAmount", "10.00");
        failure.put("unrefundedAmount", "20.00");
        events().send(events().build(api.tenant(), "payment.refund_failed", "cn_test1", failure));

        JsonNode data = await().atMost(WAIT).until(() -> api.get("/v1/notifications").body().get("data"),
                d -> d.size() == 1);
        assertThat(data.get(0).get("type").asText()).isEqualTo("payment.refund_failed");
        assertThat(data.get(0).get("message").asText()).contains("cn_test1", "20.00 EUR", "could not be refunded");
        assertThat(data.get(0).get("data").get("invoiceId").asText()).isEqualTo("inv_test1");
        assertThat(data.get(0).get("data").get("unrefundedAmount").asText()).isEqualTo("20.00");
    }

    @Test
    void emailEventsAreDeliveredAndAFailedEmailIsNotified() throws Exception {
        Api api = newTenant();
        String url = receiver.path();
        createEndpoint(api, url, "[\"invoice.sent\", \"email.failed\"]");
        com.fasterxml.jackson.databind.node.ObjectNode failed = mapper.createObjectNode();
        failed.put("id", "eml_test1");
        failed.put("kind", "reminder");
        failed.put("invoiceId", "inv_mail1");
        failed.put("invoiceNumber", "2026-042");
        failed.putArray("to").add("ap@globex.example");
        failed.put("status", "failed");
        failed.put("attempts", 1);
        failed.put("lastError", "SMTPAddressFailedException: 550 5.1.1 no such user");
        // Both come from document-service, on its topic.
        events().send(events().build(api.tenant(), "email.failed", "inv_mail1", failed));
        com.fasterxml.jackson.databind.node.ObjectNode sent = mapper.createObjectNode();
        sent.put("id", "inv_mail2").put("number", "2026-043").put("emailId", "eml_test2");
        events().send(events().build(api.tenant(), "invoice.sent", "inv_mail2", sent));

        List<Receiver.Received> requests = await().atMost(WAIT).until(() -> receiver.requests(url),
                r -> r.size() == 2);
        assertThat(requests).extracting(r -> mapper.readTree(r.body()).get("type").asText())
                .containsExactlyInAnyOrder("email.failed", "invoice.sent");

        JsonNode notification = await().atMost(WAIT).until(() -> api.get("/v1/notifications").body().get("data"),
                d -> d.size() == 1).get(0);
        assertThat(notification.get("type").asText()).isEqualTo("email.failed");
        assertThat(notification.get("message").asText()).contains("reminder", "2026-042", "ap@globex.example",
                "550 5.1.1");
        assertThat(notification.get("data").get("emailId").asText()).isEqualTo("eml_test1");
        assertThat(notification.get("data").get("invoiceId").asText()).isEqualTo("inv_mail1");
    }
}
