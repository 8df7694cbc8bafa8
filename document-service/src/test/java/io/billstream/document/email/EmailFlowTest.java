package io.billstream.document.email;

import io.billstream.document.email.messaging.EmailWorker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import io.billstream.document.DocumentServiceApplication;
import io.billstream.document.fixtures.Invoices;
import io.billstream.document.documents.domain.render.Sha256;
import io.billstream.platform.events.EventIds;
import io.billstream.platform.events.EventTypes;
import io.billstream.platform.events.IntegrationEvent;
import io.billstream.platform.events.Topics;
import io.billstream.platform.events.data.EmailSettingsData;
import io.billstream.platform.events.data.InvoiceData;
import io.billstream.platform.security.Actor;
import io.billstream.platform.security.ActorType;
import io.billstream.platform.security.Caller;
import io.billstream.platform.security.InternalTokenService;
import io.billstream.platform.idempotency.IdempotencyKey;
import io.billstream.platform.security.SeenVersion;
import io.billstream.testsupport.HeldTransactions;
import io.billstream.platform.security.TenantId;
import io.billstream.testsupport.KafkaProbe;
import io.billstream.testsupport.ServiceIntegrationTest;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * docs/api-reference.md §12 end to end against a real SMTP server (GreenMail on free ports): invoice events in through Kafka,
 * {@code POST …/send} through HTTP, messages read back from the server as it received them.
 */
@ServiceIntegrationTest
class EmailFlowTest {

    private static final String TENANT = "ten_email_flow";
    private static final Duration WITHIN = Duration.ofSeconds(30);
    private static final int SMTP_PORT = freePort();
    private static final int IMAP_PORT = freePort();

    @RegisterExtension
    static final GreenMailExtension MAIL = new GreenMailExtension(new ServerSetup[]{
            new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
            new ServerSetup(IMAP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_IMAP)})
            .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication())
            .withPerMethodLifecycle(false);

    @DynamicPropertySource
    static void mail(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> SMTP_PORT);
        registry.add("spring.mail.properties.mail.smtp.connectiontimeout", () -> "2000");
        // Seconds in tests (docs/api-reference.md §12): five retries a second apart, then failed.
        registry.add("billstream.email.retry-delays", () -> "1s,1s,1s,1s,1s");
        registry.add("billstream.email.poll-interval", () -> "200ms");
        registry.add("billstream.email.reminder-hour-utc", () -> "0");
    }

    @Autowired
    InternalTokenService tokens;
    @Autowired
    ObjectMapper mapper;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    EmailWorker worker;
    @Autowired
    MeterRegistry meters;
    @Autowired
    Environment environment;
    @Value("${local.server.port}")
    int port;
    @Value("${spring.kafka.bootstrap-servers}")
    String brokers;

    private KafkaProbe documents;
    private RestClient http;

    @BeforeEach
    void setUp() {
        documents = new KafkaProbe(brokers, Topics.DOCUMENT);
        http = RestClient.create("http://127.0.0.1:" + port);
        if (!MAIL.isRunning()) {
            MAIL.start();
        }
        worker.start();
    }

    @AfterEach
    void tearDown() {
        documents.close();
    }

    @Test
    void sendsTextAndHtmlInTheCustomersLocaleWithTheCurrentPdfAndSellerHeaders() throws Exception {
        String to = unique("ap") + "@globex.example";
        InvoiceData invoice = Invoices.invoice().number("2026-001").currency("EUR").customerLocale("de-DE")
                .customerEmail(to).sellerName("Acme Studio GmbH").sellerEmail("hello@acme.example")
                .service("Consulting", "10", "hour", "123.456", null).paymentTermsDays(14).build();
        publish(EventTypes.INVOICE_ISSUED, invoice);
        byte[] pdf = awaitPdf(invoice.id());

        JsonNode accepted = send(invoice.id(), Map.of(
                "cc", List.of("Finance Team <finance@globex.example>"),
                "message", "Thanks for the **great** project!\n\n<script>alert(1)</script>"));
        assertThat(accepted.path("id").asText()).startsWith("eml_");
        assertThat(accepted.path("kind").asText()).isEqualTo("invoice");
        assertThat(accepted.path("invoiceId").asText()).isEqualTo(invoice.id());
        assertThat(accepted.path("to")).containsExactly(mapper.valueToTree(to));
        assertThat(accepted.path("subject").asText()).isEqualTo("Invoice 2026-001 from Acme Studio GmbH");
        assertThat(accepted.path("status").asText()).isEqualTo("queued");
        assertThat(accepted.path("attempts").asInt()).isZero();
        assertThat(accepted.path("createdAt").asText()).isNotEmpty();

        MimeMessage message = awaitMessages(to, 1).getFirst();
        assertThat(message.getSubject()).isEqualTo("Invoice 2026-001 from Acme Studio GmbH");
        assertThat(((InternetAddress) message.getReplyTo()[0]).getAddress()).isEqualTo("hello@acme.example");
        assertThat(((InternetAddress) message.getFrom()[0]).getPersonal()).isEqualTo("Acme Studio GmbH");
        assertThat(message.getRecipients(Message.RecipientType.CC)).extracting(a -> ((InternetAddress) a).getAddress())
                .containsExactly("finance@globex.example");

        String text = part(message, "text/plain");
        String html = part(message, "text/html");
        // 10 × 123.456 = 1,234.56 EUR, due 14 days after 2 March 2026, both as de-DE writes them.
        assertThat(text).contains("1.234,56\u00a0€", "16.03.2026", "Thanks for the **great** project!");
        assertThat(html).contains("1.234,56\u00a0€", "16.03.2026", "<strong>great</strong>", "&lt;script&gt;")
                .doesNotContain("<script>");

        BodyPart attachment = attachment(message);
        assertThat(attachment.getFileName()).isEqualTo("invoice-2026-001.pdf");
        assertThat(attachment.getContentType()).startsWith("application/pdf");
        assertThat(Sha256.hex(bytes(attachment.getInputStream()))).isEqualTo(Sha256.hex(pdf));

        JsonNode email = awaitEmail(invoice.id(), accepted.path("id").asText(), "sent");
        assertThat(email.path("attempts").asInt()).isEqualTo(1);
        assertThat(email.path("sentAt").asText()).isNotEmpty();
        assertThat(message.getMessageID()).isEqualTo(email.path("messageId").asText())
                .startsWith("<" + accepted.path("id").asText() + "@");

        ConsumerRecord<String, String> sent = documents.await(r -> invoice.id().equals(r.key())
                && r.value().contains("\"invoice.sent\""), 1, WITHIN).getFirst();
        JsonNode event = mapper.readTree(sent.value());
        assertThat(event.path("data").path("emailId").asText()).isEqualTo(accepted.path("id").asText());
        assertThat(event.path("data").path("number").asText()).isEqualTo("2026-001");
        assertThat(event.path("data").path("email").path("status").asText()).isEqualTo("sent");
    }

    @Test
    void theEmailContinuesTheTraceOfTheRequestThatQueuedIt() {
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        String to = unique("trace") + "@globex.example";
        InvoiceData invoice = Invoices.invoice().number("2026-077").customerEmail(to).build();
        publish(EventTypes.INVOICE_ISSUED, invoice);
        awaitPdf(invoice.id());

        ResponseEntity<String> accepted = http.post().uri("/v1/invoices/{id}/send", invoice.id())
                .header(InternalTokenService.HEADER, token())
                .header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01")
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of())
                .exchange((request, response) -> ResponseEntity.status(response.getStatusCode())
                        .body(new String(response.getBody().readAllBytes())));
        assertThat(accepted.getStatusCode().value()).as(accepted.getBody()).isEqualTo(202);
        String emailId = read(accepted.getBody()).path("id").asText();
        assertThat(jdbc.queryForObject("select trace_parent from email where id = ?", String.class, emailId))
                .contains("-" + traceId + "-");

        // sent by the worker on its own thread, yet the invoice.sent it publishes is in the caller's trace
        ConsumerRecord<String, String> sent = documents.await(r -> invoice.id().equals(r.key())
                && r.value().contains("\"invoice.sent\""), 1, WITHIN).getFirst();
        var header = sent.headers().lastHeader("traceparent");
        assertThat(header).as("traceparent on invoice.sent").isNotNull();
        assertThat(new String(header.value(), java.nio.charset.StandardCharsets.UTF_8)).contains("-" + traceId + "-");
    }

    @Test
    void badInputIsAProblemAndStoresNothing() {
        InvoiceData invoice = Invoices.invoice().service("Work", "1", "hour", "100.00", null).build();
        publish(EventTypes.INVOICE_ISSUED, invoice);
        awaitPdf(invoice.id());

        assertProblem(invoice.id(), Map.of("to", List.of("not-an-address")), 422, "validation_failed");
        assertProblem(invoice.id(), Map.of("to", List.of("ap@globex.example\r\nBcc: evil@attacker.example")), 422,
                "validation_failed");
        assertProblem(invoice.id(), Map.of("cc", List.of("Evil\nName <x@globex.example>")), 422, "validation_failed");
        assertProblem(invoice.id(), Map.of("subject", "Hello\r\nBcc: evil@attacker.example"), 422,
                "validation_failed");
        assertProblem(invoice.id(), Map.of("message", "x".repeat(10_001)), 422, "validation_failed");
        List<String> eleven = IntStream.range(0, 11).mapToObj(i -> "ap" + i + "@globex.example").toList();
        assertProblem(invoice.id(), Map.of("to", eleven), 422, "validation_failed");
        assertProblem(invoice.id(), Map.of("to", eleven.subList(0, 6), "cc", eleven.subList(6, 11)), 422,
                "validation_failed");
        assertProblem("inv_unknown", Map.of(), 404, "not_found");
        assertThat(emails(invoice.id())).isEmpty();

        InvoiceData noEmail = Invoices.invoice().customerEmail(null).service("Work", "1", "hour", "1.00", null).build();
        publish(EventTypes.INVOICE_ISSUED, noEmail);
        awaitPdf(noEmail.id());
        assertProblem(noEmail.id(), Map.of(), 422, "no_recipient");

        InvoiceData draft = Invoices.invoice().status("draft").number(null)
                .service("Work", "1", "hour", "100.00", null).version(1).build();
        String created = publish(EventTypes.INVOICE_CREATED, draft);
        awaitProcessed(created);
        assertProblem(draft.id(), Map.of(), 409, "invoice_is_draft");
        assertThat(jdbc.queryForObject("select count(*) from email where invoice_id in (?, ?, ?)", Integer.class,
                invoice.id(), noEmail.id(), draft.id())).isZero();
    }

    /**
     * The gateway signs into a send the version of the invoice its caller was last answered with. A send right
     * after the issue (whose event is still on its way here) waits for it rather than answering 409 for the draft;
     * a version that never arrives is "not yet", 503 with Retry-After, and stores nothing.
     */
    @Test
    void aSendRightAfterTheIssueWaitsForTheIssuedInvoice() {
        InvoiceData draft = Invoices.invoice().status("draft").number(null)
                .service("Work", "1", "hour", "100.00", null).version(1).build();
        awaitProcessed(publish(EventTypes.INVOICE_CREATED, draft));
        InvoiceData issued = Invoices.invoice().id(draft.id()).service("Work", "1", "hour", "100.00", null).version(2)
                .build();
        CompletableFuture<Void> issue = CompletableFuture.runAsync(() -> publish(EventTypes.INVOICE_ISSUED, issued),
                CompletableFuture.delayedExecutor(300, TimeUnit.MILLISECONDS));

        ResponseEntity<String> sent = post(draft.id(), Map.of(), seenToken(draft.id(), 2));

        issue.join();
        assertThat(sent.getStatusCode().value()).as(sent.getBody()).isEqualTo(202);
        assertThat(emails(draft.id())).hasSize(1);

        long start = System.nanoTime();
        ResponseEntity<String> notYet = post(draft.id(), Map.of(), seenToken(draft.id(), 9));
        assertThat(notYet.getStatusCode().value()).as(notYet.getBody()).isEqualTo(503);
        assertThat(read(notYet.getBody()).path("code").asText()).isEqualTo("service_unavailable");
        assertThat(notYet.getHeaders().getFirst("Retry-After")).isEqualTo("1");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("the wait is bounded (2 s by default)")
                .isBetween(Duration.ofSeconds(2), Duration.ofSeconds(10));
        assertThat(emails(draft.id())).hasSize(1);
    }

    /**
     * A send with an Idempotency-Key runs inside the key's transaction; its wait for the version seen comes before
     * that transaction opens, so no transaction (and no pooled connection) is held while it waits, and the 503 it
     * ends with keeps no key.
     */
    @Test
    void aKeyedSendWaitsBeforeItsTransactionOpens() throws Exception {
        InvoiceData issued = Invoices.invoice().service("Work", "1", "hour", "100.00", null).version(2).build();
        awaitProcessed(publish(EventTypes.INVOICE_ISSUED, issued));
        String key = unique("send-key");
        String token = tokens.mint(new Caller(new TenantId(TENANT), new Actor(ActorType.USER, "usr_1"), "Acme", true),
                new IdempotencyKey(TENANT, key, "fp"), new SeenVersion(issued.id(), 9));

        CompletableFuture<ResponseEntity<String>> sending = CompletableFuture.supplyAsync(
                () -> post(issued.id(), Map.of(), token));
        int held = HeldTransactions.sample(jdbc.getDataSource(), 10, Duration.ofMillis(50), Duration.ofMillis(150));
        ResponseEntity<String> notYet = sending.get(30, TimeUnit.SECONDS);

        assertThat(held).as("samples that found a transaction held open while the send waited").isZero();
        assertThat(notYet.getStatusCode().value()).as(notYet.getBody()).isEqualTo(503);
        assertThat(notYet.getHeaders().getFirst("Retry-After")).isEqualTo("1");
        assertThat(jdbc.queryForObject("select count(*) from idempotency_key where idempotency_key = ?",
                Integer.class, key)).isZero();
        assertThat(emails(issued.id())).isEmpty();
    }

    @Test
    void noHeaderCanBeInjectedThroughTheSellerNameOrTheMessage() throws Exception {
        String to = unique("inject") + "@globex.example";
        String attacker = unique("evil") + "@attacker.example";
        InvoiceData invoice = Invoices.invoice().customerEmail(to)
                .sellerName("Acme\r\nBcc: " + attacker)
                .service("Work", "1", "hour", "100.00", null).build();
        publish(EventTypes.INVOICE_ISSUED, invoice);
        awaitPdf(invoice.id());

        send(invoice.id(), Map.of("message", "Hello\r\nBcc: " + attacker + "\r\n\r\nbody"));
        MimeMessage message = awaitMessages(to, 1).getFirst();

        String raw = GreenMailUtil.getWholeMessage(message);
        String headers = raw.substring(0, raw.indexOf("\r\n\r\n"));
        // Every header line is one of ours (or a folded continuation): the seller name and message added none.
        assertThat(headers.lines().filter(line -> !line.startsWith(" ") && !line.startsWith("\t"))
                .map(line -> line.substring(0, line.indexOf(':'))))
                .containsExactlyInAnyOrder("Return-Path", "Received", "Date", "From", "Reply-To", "To", "Message-ID",
                        "Subject", "MIME-Version", "Content-Type", "X-Billstream-Email-Id");
        assertThat(message.getHeader("Bcc")).isNull();
        assertThat(message.getSubject()).isEqualTo("Invoice " + invoice.number() + " from Acme Bcc: " + attacker);
        assertThat(message.getAllRecipients()).extracting(a -> ((InternetAddress) a).getAddress()).containsExactly(to);
        assertThat(MAIL.getReceivedMessagesForDomain("attacker.example")).isEmpty();
        assertThat(part(message, "text/plain")).contains("Bcc: " + attacker);
    }

    @Test
    void anSmtpServerThatIsDownIsRetriedWithTheSameMessageId() throws Exception {
        String to = unique("retry") + "@globex.example";
        InvoiceData invoice = Invoices.invoice().customerEmail(to).service("Work", "1", "hour", "100.00", null).build();
        publish(EventTypes.INVOICE_ISSUED, invoice);
        awaitPdf(invoice.id());

        MAIL.stop();
        String id;
        try {
            id = send(invoice.id(), Map.of()).path("id").asText();
            JsonNode retrying = await().atMost(WITHIN).until(() -> email(invoice.id(), id),
                    e -> e.path("attempts").asInt() >= 2);
            assertThat(retrying.path("status").asText()).isEqualTo("queued");
            assertThat(retrying.path("lastError").asText()).isNotEmpty();
            assertThat(meters.get("billstream.email.queue.depth").gauge().value()).isGreaterThanOrEqualTo(1);
        } finally {
            MAIL.start();
        }
        MimeMessage message = awaitMessages(to, 1).getFirst();
        JsonNode sent = awaitEmail(invoice.id(), id, "sent");
        // the second attempt may already be claimed (and counted) when the server comes back, and then succeeds
        assertThat(sent.path("attempts").asInt()).isGreaterThanOrEqualTo(2);
        assertThat(sent.path("lastError").isNull()).isTrue();
        assertThat(message.getMessageID()).isEqualTo(sent.path("messageId").asText())
                .isEqualTo("<" + id + "@billstream.local>");
        assertThat(MAIL.getReceivedMessagesForDomain("globex.example")).filteredOn(m -> recipient(m).equals(to))
                .hasSize(1);
    }

    @Test
    void retriesThatRunOutFailTheEmailWithEmailFailedAndACount() {
        String to = unique("gone") + "@globex.example";
        InvoiceData invoice = Invoices.invoice().customerEmail(to).service("Work", "1", "hour", "100.00", null).build();
        publish(EventTypes.INVOICE_ISSUED, invoice);
        awaitPdf(invoice.id());
        double failedBefore = failedCount();

        MAIL.stop();
        try {
            String id = send(invoice.id(), Map.of()).path("id").asText();
            JsonNode failed = awaitEmail(invoice.id(), id, "failed");
            assertThat(failed.path("attempts").asInt()).isEqualTo(6);
            assertThat(failed.path("lastError").asText()).startsWith("gave up after 6 attempts");
            JsonNode event = read(documents.await(r -> invoice.id().equals(r.key())
                    && r.value().contains("\"email.failed\""), 1, WITHIN).getFirst().value());
            assertThat(event.path("data").path("id").asText()).isEqualTo(id);
            assertThat(event.path("data").path("status").asText()).isEqualTo("failed");
            assertThat(event.path("data").path("invoiceNumber").asText()).isEqualTo(invoice.number());
            assertThat(failedCount()).isEqualTo(failedBefore + 1);
        } finally {
            MAIL.start();
        }
    }

    @Test
    void sendOnIssueFromTheSettingsOrTheScheduleFlagSendsOnceDespiteRedelivery() throws Exception {
        String bySetting = unique("setting") + "@globex.example";
        InvoiceData a = Invoices.invoice().customerEmail(bySetting).service("Work", "1", "hour", "100.00", null)
                .emailSettings(new EmailSettingsData(true, List.of(), false)).build();
        String record = envelope(EventTypes.INVOICE_ISSUED, a, EventIds.newEventId(), false);
        documents.send(Topics.INVOICE, a.id(), record);
        documents.send(Topics.INVOICE, a.id(), record);

        String byFlag = unique("flag") + "@globex.example";
        InvoiceData b = Invoices.invoice().customerEmail(byFlag).service("Work", "1", "hour", "100.00", null).build();
        documents.send(Topics.INVOICE, b.id(), envelope(EventTypes.INVOICE_ISSUED, b, EventIds.newEventId(), true));

        String neither = unique("none") + "@globex.example";
        InvoiceData c = Invoices.invoice().customerEmail(neither).service("Work", "1", "hour", "100.00", null)
                .emailSettings(new EmailSettingsData(false, List.of(), false)).build();
        awaitProcessed(publish(EventTypes.INVOICE_ISSUED, c));

        MimeMessage first = awaitMessages(bySetting, 1).getFirst();
        assertThat(first.getSubject()).isEqualTo("Invoice " + a.number() + " from Acme Studio LLC");
        awaitMessages(byFlag, 1);
        String sentId = awaitEmails(a.id(), 1).getFirst().path("id").asText();
        awaitEmail(a.id(), sentId, "sent");

        // A redelivery after the email went out, then a later event of the same invoice (same partition) as a marker.
        documents.send(Topics.INVOICE, a.id(), record);
        awaitProcessed(publish(EventTypes.INVOICE_UPDATED, copy(a, "open", a.amountPaid(), a.lateFees(), 3)));
        worker.runOnce();

        assertThat(messagesTo(bySetting)).hasSize(1);
        assertThat(emails(a.id())).hasSize(1);
        assertThat(emails(c.id())).isEmpty();
        assertThat(messagesTo(neither)).isEmpty();
    }

    @Test
    void remindersFireOncePerOffsetAcrossARestartAndNeverForPaidInvoices() throws Exception {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        EmailSettingsData settings = new EmailSettingsData(false, List.of(-3, 0, 7, 30), true);
        String late = unique("late") + "@globex.example";
        // Due 10 days ago: offsets -3, 0 and 7 are due now, 30 is 20 days ahead.
        InvoiceData overdue = Invoices.invoice().customerEmail(late).issueDate(today.minusDays(24))
                .paymentTermsDays(14).service("Work", "1", "hour", "100.00", null).emailSettings(settings).build();
        String paidTo = unique("paid") + "@globex.example";
        InvoiceData paid = Invoices.invoice().customerEmail(paidTo).issueDate(today.minusDays(24))
                .paymentTermsDays(14).service("Work", "1", "hour", "100.00", null).emailSettings(settings).build();

        worker.stop(); // the instance is down while the invoices are issued, assessed and paid
        try {
            publish(EventTypes.INVOICE_ISSUED, overdue);
            publish(EventTypes.INVOICE_LATE_FEE_ASSESSED, copy(overdue, "overdue", "0", "1.50", 3));
            publish(EventTypes.INVOICE_ISSUED, paid);
            awaitProcessed(publish(EventTypes.INVOICE_PAID, copy(paid, "paid", "100.00", "0", 3)));
            await().atMost(WITHIN).until(() -> reminderStatuses(overdue.id()).size() == 4);
            assertThat(reminderStatuses(overdue.id())).containsOnly("scheduled");
            assertThat(reminderStatuses(paid.id())).containsOnly("cancelled");

            // A fresh instance (a restart) on the same database fires the due reminders from its tables alone.
            try (ConfigurableApplicationContext restarted = secondInstance()) {
                await().atMost(WITHIN).until(() -> messagesTo(late).size() == 3);
            }
        } finally {
            worker.start();
        }
        worker.runOnce();
        List<MimeMessage> reminders = messagesTo(late);
        assertThat(reminders).hasSize(3).allSatisfy(m -> {
            assertThat(m.getSubject()).isEqualTo("Reminder: invoice " + overdue.number() + " from Acme Studio LLC");
            assertThat(part(m, "text/plain")).contains("Late fees: $1.50", "Amount due: $101.50", "is overdue");
            assertThat(attachment(m).getFileName()).isEqualTo("invoice-" + overdue.number() + ".pdf");
        });
        assertThat(reminderStatuses(overdue.id())).containsExactlyInAnyOrder("queued", "queued", "queued", "scheduled");
        assertThat(emails(overdue.id())).extracting(e -> e.path("kind").asText()).containsOnly("reminder").hasSize(3);

        // Paid: no reminder, but the receipt (sendReceipts).
        MimeMessage receipt = awaitMessages(paidTo, 1).getFirst();
        assertThat(receipt.getSubject()).isEqualTo("Receipt for invoice " + paid.number() + " from Acme Studio LLC");
        assertThat(part(receipt, "text/plain")).contains("Amount paid: $100.00");
        assertThat(emails(paid.id())).extracting(e -> e.path("kind").asText()).containsExactly("receipt");
    }

    @Test
    void bothPathsAreInTheServicesOpenApiDocumentWhichTheGatewayMerges() {
        JsonNode paths = read(http.get().uri("/v3/api-docs").retrieve().body(String.class)).path("paths");
        assertThat(paths.path("/v1/invoices/{id}/send").has("post")).isTrue();
        assertThat(paths.path("/v1/invoices/{id}/send").path("post").path("responses").has("202")).isTrue();
        assertThat(paths.path("/v1/invoices/{id}/emails").has("get")).isTrue();
    }

    private ConfigurableApplicationContext secondInstance() {
        return new SpringApplicationBuilder(DocumentServiceApplication.class).run(
                "--server.port=0",
                "--management.server.port=0",
                "--spring.datasource.url=" + environment.getProperty("spring.datasource.url"),
                "--spring.kafka.bootstrap-servers=" + brokers,
                "--spring.kafka.listener.auto-startup=false",
                "--spring.mail.host=127.0.0.1",
                "--spring.mail.port=" + SMTP_PORT,
                "--billstream.email.poll-interval=200ms",
                "--billstream.email.reminder-hour-utc=0",
                "--billstream.internal-token.secret=" + environment.getProperty("billstream.internal-token.secret"));
    }

    // --- helpers ---

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String unique(String prefix) {
        return prefix + "-" + System.nanoTime();
    }

    private double failedCount() {
        var counter = meters.find("billstream.email.failed").counter();
        return counter == null ? 0 : counter.count();
    }

    private List<String> reminderStatuses(String invoiceId) {
        return jdbc.queryForList("select status from email_reminder where invoice_id = ?", String.class, invoiceId);
    }

    private List<MimeMessage> awaitMessages(String to, int count) {
        return await().atMost(WITHIN).until(() -> messagesTo(to), list -> list.size() >= count);
    }

    private List<MimeMessage> messagesTo(String to) {
        return Arrays.stream(MAIL.getReceivedMessages()).filter(m -> recipients(m).contains(to)).toList();
    }

    private static String recipient(MimeMessage m) {
        return recipients(m).getFirst();
    }

    private static List<String> recipients(MimeMessage m) {
        try {
            return Arrays.stream(m.getRecipients(Message.RecipientType.TO))
                    .map(a -> ((InternetAddress) a).getAddress()).toList();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String part(Part part, String type) {
        try {
            if (part.isMimeType(type) && !Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
                return (String) part.getContent();
            }
            if (part.getContent() instanceof Multipart multipart) {
                for (int i = 0; i < multipart.getCount(); i++) {
                    String found = part(multipart.getBodyPart(i), type);
                    if (found != null) {
                        return found;
                    }
                }
            }
            return null;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static BodyPart attachment(Part part) {
        try {
            if (part.getContent() instanceof Multipart multipart) {
                for (int i = 0; i < multipart.getCount(); i++) {
                    BodyPart body = multipart.getBodyPart(i);
                    if (Part.ATTACHMENT.equalsIgnoreCase(body.getDisposition())) {
                        return body;
                    }
                }
            }
            throw new AssertionError("no attachment");
        } catch (AssertionError e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] bytes(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        in.transferTo(out);
        return out.toByteArray();
    }

    private String token() {
        return tokens.mint(new Caller(new TenantId(TENANT), new Actor(ActorType.USER, "usr_1"), "Acme", true));
    }

    private JsonNode send(String invoiceId, Map<String, Object> body) {
        ResponseEntity<String> response = post(invoiceId, body);
        assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(202);
        return read(response.getBody());
    }

    private void assertProblem(String invoiceId, Map<String, Object> body, int status, String code) {
        ResponseEntity<String> response = post(invoiceId, body);
        assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(status);
        assertThat(response.getHeaders().getContentType()).hasToString("application/problem+json");
        assertThat(read(response.getBody()).path("code").asText()).isEqualTo(code);
    }

    private String seenToken(String invoiceId, long version) {
        return tokens.mint(new Caller(new TenantId(TENANT), new Actor(ActorType.USER, "usr_1"), "Acme", true), null,
                new SeenVersion(invoiceId, version));
    }

    private ResponseEntity<String> post(String invoiceId, Map<String, Object> body) {
        return post(invoiceId, body, token());
    }

    private ResponseEntity<String> post(String invoiceId, Map<String, Object> body, String token) {
        return http.post().uri("/v1/invoices/{id}/send", invoiceId)
                .header(InternalTokenService.HEADER, token)
                .contentType(MediaType.APPLICATION_JSON)
                .body(body)
                .exchange((request, response) -> ResponseEntity.status(response.getStatusCode())
                        .headers(response.getHeaders()).body(new String(response.getBody().readAllBytes())));
    }

    private List<JsonNode> emails(String invoiceId) {
        String body = http.get().uri("/v1/invoices/{id}/emails", invoiceId)
                .header(InternalTokenService.HEADER, token()).retrieve().body(String.class);
        List<JsonNode> out = new ArrayList<>();
        read(body).path("data").forEach(out::add);
        return out;
    }

    private List<JsonNode> awaitEmails(String invoiceId, int count) {
        return await().atMost(WITHIN).until(() -> emails(invoiceId), list -> list.size() >= count);
    }

    private JsonNode email(String invoiceId, String id) {
        return emails(invoiceId).stream().filter(e -> e.path("id").asText().equals(id)).findFirst().orElseThrow();
    }

    private JsonNode awaitEmail(String invoiceId, String id, String status) {
        return await().atMost(WITHIN).until(() -> email(invoiceId, id),
                e -> status.equals(e.path("status").asText()));
    }

    private byte[] awaitPdf(String invoiceId) {
        return await().atMost(WITHIN).until(() -> http.get().uri("/v1/invoices/{id}/pdf", invoiceId)
                .header(InternalTokenService.HEADER, token())
                .exchange((request, response) -> response.getStatusCode().value() == 200
                        ? response.getBody().readAllBytes() : null), bytes -> bytes != null);
    }

    private void awaitProcessed(String eventId) {
        await().atMost(WITHIN).until(() -> jdbc.queryForObject(
                "select count(*) from processed_event where event_id = ?", Integer.class, eventId) == 1);
    }

    private String publish(String type, InvoiceData invoice) {
        String eventId = EventIds.newEventId();
        documents.send(Topics.INVOICE, invoice.id(), envelope(type, invoice, eventId, false));
        return eventId;
    }

    private String envelope(String type, InvoiceData invoice, String eventId, boolean sendOnIssue) {
        ObjectNode data = mapper.valueToTree(invoice);
        if (sendOnIssue) {
            data.put("sendOnIssue", true); // as recurring schedules mark the invoices they generate
        }
        IntegrationEvent event = IntegrationEvent.of(eventId, "billstream/invoice-service", type, invoice.id(),
                Instant.now(), TENANT, invoice.version(), data);
        try {
            return mapper.writeValueAsString(event);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The invoice after a payment or late fee: amounts recomputed from the total without late fees. */
    private static InvoiceData copy(InvoiceData i, String status, String amountPaid, String lateFees, long version) {
        java.math.BigDecimal fees = new java.math.BigDecimal(lateFees).setScale(2);
        java.math.BigDecimal total = new java.math.BigDecimal(i.total()).subtract(new java.math.BigDecimal(i.lateFees()))
                .add(fees);
        java.math.BigDecimal paid = new java.math.BigDecimal(amountPaid).setScale(2);
        return new InvoiceData(i.id(), i.number(), status, i.customerId(), i.customer(), i.seller(), i.currency(),
                i.lineItems(), i.subtotal(), i.taxBreakdown(), i.taxTotal(), fees.toPlainString(),
                total.toPlainString(), paid.toPlainString(), total.subtract(paid).toPlainString(), i.issueDate(),
                i.dueDate(), "paid".equals(status) ? Instant.now() : null, null, i.notes(), i.terms(),
                i.reference(), i.metadata(), i.paymentTermsDays(), i.lateFeePercentPerMonth(), version,
                i.createdAt(), i.updatedAt(), i.change(), i.emailSettings());
    }

    private JsonNode read(String json) {
        try {
            return mapper.readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
