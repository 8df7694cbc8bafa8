package io.billstream.document.bench;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.billstream.document.documents.domain.StoredPdf;
import io.billstream.document.email.domain.EmailComposer;
import io.billstream.document.email.domain.EmailKind;
import io.billstream.document.email.EmailProperties;
import io.billstream.document.email.domain.EmailRow;
import io.billstream.document.fixtures.Invoices;
import io.billstream.document.documents.domain.render.InvoicePdf;
import io.billstream.document.documents.domain.render.Sha256;
import io.billstream.platform.events.data.InvoiceData;
import io.billstream.platform.ids.Ids;
import io.billstream.testsupport.SlowTest;
import org.junit.jupiter.api.Test;
import org.springframework.mail.javamail.JavaMailSenderImpl;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Emails per second with the PDF attached, sent over real SMTP to a GreenMail catcher, beside the PDF render rate of
 * the same run (alternating rounds, 2 threads each, best round reported). A slow test (left out of
 * {@code ./billstream test}); run:
 * <pre>
 * mvn -B -q -pl document-service -am test -Dbillstream.slow=true -Dtest=EmailBenchmark \
 *     -Dsurefire.failIfNoSpecifiedTests=false [-Dbench.count=200 -Dbench.rounds=3 -Dbench.smtp.port=3025]
 * </pre>
 * Without {@code bench.smtp.port} an in-process GreenMail on a free port is the catcher. Each email is what the
 * worker does per attempt: templates + Markdown, MIME with the ~30 KB PDF, one SMTP session. The third variant
 * renders the PDF too (an invoice sent right after a change). Results: {@code document-service/target/bench-email.json}.
 */
@SlowTest
class EmailBenchmark {

    private static final int THREADS = 2;

    @Test
    void emailsPerSecond() throws Exception {
        int count = Integer.getInteger("bench.count", 200);
        int rounds = Integer.getInteger("bench.rounds", 3);
        Integer externalPort = Integer.getInteger("bench.smtp.port");
        GreenMail catcher = null;
        int port;
        if (externalPort == null) {
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            catcher = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP))
                    .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
            catcher.start();
        } else {
            port = externalPort;
        }
        String loadBefore = loadAverage();
        JavaMailSenderImpl sender = new JavaMailSenderImpl();
        sender.setHost("127.0.0.1");
        sender.setPort(port);
        EmailComposer composer = new EmailComposer(new EmailProperties("invoices@billstream.local",
                "billstream.local", List.of(Duration.ofSeconds(1)), Duration.ofSeconds(1), Duration.ofMinutes(2),
                10, 9, Duration.ofSeconds(2), Duration.ofMillis(20)));
        InvoicePdf pdf = new InvoicePdf();
        InvoiceData invoice = Invoices.invoice().currency("EUR").customerLocale("de-DE")
                .service("Backend development (API, billing engine)", "32.5", "hour", "120.00", "19")
                .service("Code review", "6", "hour", "120.00", "19")
                .expense("Cloud hosting — March", "1", "month", "249.90", null).build();
        byte[] rendered = pdf.pdf(pdf.html(invoice));
        StoredPdf stored = new StoredPdf("doc_bench", invoice.number(), Sha256.hex(rendered), rendered.length);

        Runnable render = () -> Sha256.hex(pdf.pdf(pdf.html(invoice)));
        Runnable email = () -> send(sender, composer, invoice, stored, rendered);
        Runnable renderAndEmail = () -> {
            byte[] fresh = pdf.pdf(pdf.html(invoice));
            send(sender, composer, invoice, new StoredPdf("doc_bench", invoice.number(), Sha256.hex(fresh),
                    fresh.length), fresh);
        };
        run(render, 100);
        run(email, 100);

        List<Double> renders = new ArrayList<>();
        List<Double> emails = new ArrayList<>();
        List<Double> both = new ArrayList<>();
        for (int i = 0; i < rounds; i++) {
            renders.add(run(render, count));
            emails.add(run(email, count));
            both.add(run(renderAndEmail, count));
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("threads", THREADS);
        json.put("java", System.getProperty("java.version"));
        json.put("loadAverageBefore", loadBefore);
        json.put("loadAverageAfter", loadAverage());
        json.put("catcher", externalPort == null ? "in-process GreenMail" : "SMTP 127.0.0.1:" + port);
        json.put("pdfBytes", rendered.length);
        json.put("perRound", count);
        json.put("rounds", rounds);
        json.put("pdfRendersPerSecond", best(renders));
        json.put("emailsWithPdfPerSecond", best(emails));
        json.put("renderPlusEmailPerSecond", best(both));
        json.put("pdfRendersRounds", renders);
        json.put("emailsRounds", emails);
        json.put("renderPlusEmailRounds", both);
        json.put("measuredAt", Instant.now().toString());
        String out = new com.fasterxml.jackson.databind.ObjectMapper().writerWithDefaultPrettyPrinter()
                .writeValueAsString(json);
        Path target = Path.of("target", "bench-email.json");
        if (Files.isDirectory(Path.of("document-service", "target"))) {
            target = Path.of("document-service", "target", "bench-email.json");
        }
        Files.writeString(target, out);
        System.out.println(out);
        if (catcher != null) {
            catcher.stop();
        }
        assertThat(best(emails)).as("emails per second").isPositive();
    }

    private static void send(JavaMailSenderImpl sender, EmailComposer composer, InvoiceData invoice, StoredPdf stored,
                             byte[] content) {
        String id = Ids.newId("eml");
        EmailRow row = new EmailRow(id, "ten_bench", invoice.id(), EmailKind.INVOICE, List.of("ap@globex.example"),
                List.of(), EmailComposer.subject(EmailKind.INVOICE, invoice), "Thanks for the **great** project!",
                composer.messageId(id), EmailRow.QUEUED, 0, null, null, Instant.now());
        try {
            sender.send(composer.compose(row, invoice, stored, content));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static double run(Runnable task, int count) throws Exception {
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        long start = System.nanoTime();
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            futures.add(pool.submit(() -> {
                while (next.getAndIncrement() < count) {
                    task.run();
                }
            }));
        }
        for (Future<?> future : futures) {
            future.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        return Math.round(count / seconds * 10) / 10.0;
    }

    private static double best(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).max().orElse(0);
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (Exception e) {
            return "unknown";
        }
    }
}
