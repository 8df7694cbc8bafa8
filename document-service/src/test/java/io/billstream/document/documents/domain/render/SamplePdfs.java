package io.billstream.document.documents.domain.render;

import io.billstream.document.fixtures.Invoices;
import io.billstream.testsupport.SlowTest;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Writes the sample PDFs committed under docs/samples. Tagged slow so that {@code ./billstream test} never rewrites
 * them; run: {@code mvn -pl document-service -am test -Dbillstream.slow=true -Dtest=SamplePdfs
 * -Dsurefire.failIfNoSpecifiedTests=false -Dsamples.dir=$PWD/docs/samples} (default: target/samples).
 */
@SlowTest
class SamplePdfs {

    @Test
    void writeSamples() throws Exception {
        Path dir = Path.of(System.getProperty("samples.dir", "target/samples"));
        Files.createDirectories(dir);
        InvoicePdf pdf = new InvoicePdf();

        Files.write(dir.resolve("invoice-one-page-usd.pdf"), pdf.pdf(Invoices.invoice().number("2026-001")
                .service("Backend development (API, billing engine)", "32.5", "hour", "120.00", "8.875")
                .service("UX review workshop", "1", "day", "950.00", "8.875")
                .expense("Cloud hosting — March", "1", "month", "249.90", null)
                .expense("Third-party API credits", "4", "item", "25.00", null)
                .notes("Thank you for your business! Questions: **billing@acme.example**.\n\n"
                        + "| Milestone | Status |\n|---|---|\n| Beta launch | done |\n| GA | April |\n\n"
                        + "Raw HTML is shown as text: <script>alert('x')</script>")
                .terms("Pay by ACH to *Acme Studio LLC*, routing 021000021.")
                .build()));

        Invoices longInvoice = Invoices.invoice().number("2026-042").currency("EUR").customerLocale("de-DE")
                .customerName("Müller & Söhne GmbH").lateFeePercent("1.5");
        for (int i = 1; i <= 100; i++) {
            longInvoice.service("Entwicklung, Modul " + i, "7.25", "hour", "95.00",
                    "19");
        }
        for (int i = 1; i <= 20; i++) {
            longInvoice.expense("Reisekosten " + i + " — Bahn", "1", "item", "1234.56", "7");
        }
        Files.write(dir.resolve("invoice-multi-page-eur-de.pdf"), pdf.pdf(longInvoice
                .notes("Vielen Dank für Ihren Auftrag! Symbols: € £ ¥ ₹ — Ελληνικά — Кириллица — Łódź")
                .terms("Zahlbar per Überweisung.").build()));

        Files.write(dir.resolve("invoice-void.pdf"), pdf.pdf(Invoices.invoice().number("2026-007").status("void")
                .service("Consulting", "10", "hour", "150.00", "19")
                .expense("Software licence", "1", "item", "300.00", "19")
                .lateFeePercent("0").paymentTermsDays(30).build()));

        Files.write(dir.resolve("invoice-paid.pdf"), pdf.pdf(Invoices.invoice().number("2026-008").status("paid")
                .amountPaid("1785.00").service("Consulting", "10", "hour", "150.00", "19").build()));

        Files.write(dir.resolve("credit-note.pdf"), pdf.pdf(pdf.creditNoteHtml(CreditNotePdfTest.note("en-US", "USD",
                "Two and a half hours of the February development were **not** worked; see ticket *OPS-311*."))));

        try (var written = Files.list(dir)) {
            assertThat(written.filter(f -> f.toString().endsWith(".pdf")))
                    .hasSizeGreaterThanOrEqualTo(5)
                    .allSatisfy(f -> assertThat(new String(Files.readAllBytes(f), 0, 5)).isEqualTo("%PDF-"));
        }
    }
}
