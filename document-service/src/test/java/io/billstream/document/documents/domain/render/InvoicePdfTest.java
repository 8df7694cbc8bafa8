package io.billstream.document.documents.domain.render;

import io.billstream.document.fixtures.Invoices;
import io.billstream.platform.events.data.InvoiceData;
import io.billstream.platform.events.data.LineItemData;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Renders invoices and reads the PDFs back with PDFBox, as a reader's viewer would. */
class InvoicePdfTest {

    private static final InvoicePdf PDF = new InvoicePdf();

    private static InvoiceData usInvoice() {
        return Invoices.invoice()
                .service("Backend development", "12.5", "hour", "120.00", "19")
                .service("Design review", "2", "day", "800.00", "19")
                .expense("Cloud hosting", "1", "month", "99.90", null)
                .expense("API credits", "3", "item", "10.00", "7")
                .build();
    }

    @Test
    void showsNumberPartiesEveryLineGroupsAndTotals() {
        InvoiceData invoice = usInvoice();
        String text = PdfText.of(PDF.pdf(invoice));

        assertThat(text).contains("INVOICE", "Number", "2026-001", "Issue date", "Mar 2, 2026", "Due date",
                "Mar 16, 2026", "Reference", "PO-4711");
        assertThat(text).contains("Acme Studio LLC", "Bill to".toUpperCase(), "Globex Corporation",
                "742 Evergreen Terrace", "billing@globex.example");
        assertThat(text).contains("Professional services", "Pass-through expenses",
                "Subtotal professional services $3,100.00", "Subtotal pass-through expenses $129.90");
        assertThat(text.indexOf("Professional services")).isLessThan(text.indexOf("Backend development"));
        assertThat(text.indexOf("Pass-through expenses")).isLessThan(text.indexOf("Cloud hosting"))
                .isGreaterThan(text.indexOf("Design review"));
        for (LineItemData line : invoice.lineItems()) {
            assertThat(text).contains(line.description());
        }
        assertThat(text).contains("Description", "Reference", "Period", "Quantity", "Unit", "Unit price", "Amount");
        assertThat(text).contains("12.5 hour $120.00 $1,500.00", "2 day $800.00 $1,600.00",
                "1 month $99.90 $99.90", "3 item $10.00 $30.00");
        assertThat(text).contains("Feature #1", "2/1/26 – 2/28/26");
        assertThat(text).contains("Subtotal $3,229.90", "Tax 7% on $30.00 $2.10", "Tax 19% on $3,100.00 $589.00",
                "Total $3,821.00", "Paid $0.00", "Amount due $3,821.00");
    }

    /** Searching or copying a PDF finds the words as typed: no letters are merged into ligature glyphs. */
    @Test
    void textIsExtractedLetterForLetterWithoutLigatures() {
        String glyphs = PdfText.glyphText(PDF.pdf(Invoices.invoice().customerName("Springfield Office Supplies")
                .service("Workflow fine-tuning", "1", "hour", "10.00", null).build()));

        assertThat(glyphs).contains("Springfield", "Office", "Workflow", "fine-tuning")
                .doesNotContain("\ufb01", "\ufb02", "\ufb03");
    }

    @Test
    void termsSentenceWithAndWithoutLateFee() {
        String withFee = PdfText.of(PDF.pdf(Invoices.invoice().service("Work", "1", "hour", "10.00", null)
                .paymentTermsDays(14).lateFeePercent("1.5").build()));
        assertThat(withFee).contains("Payment is due within 14 days of the invoice date. A late fee of 1.5% per "
                + "month applies to outstanding balances.");

        String withoutFee = PdfText.of(PDF.pdf(Invoices.invoice().service("Work", "1", "hour", "10.00", null)
                .paymentTermsDays(30).lateFeePercent("0").build()));
        assertThat(withoutFee).contains("Payment is due within 30 days of the invoice date.")
                .doesNotContain("late fee");
    }

    @Test
    void germanCustomerGetsGermanNumbersMoneyAndDates() {
        InvoiceData invoice = Invoices.invoice().currency("EUR").customerLocale("de-DE")
                .customerName("Müller & Söhne GmbH")
                .service("Beratung für Straßenbau", "1", "item", "1234.56", null)
                .lateFeePercent("1.5").build();
        String text = PdfText.of(PDF.pdf(invoice));

        assertThat(text).contains("1.234,56 €", "Müller & Söhne GmbH", "Beratung für Straßenbau", "02.03.2026",
                "16.03.2026", "A late fee of 1,5 % per month");
        assertThat(text).doesNotContain("1,234.56");
    }

    @Test
    void coversLatinExtendedGreekCyrillicAndCurrencySigns() throws IOException {
        InvoiceData invoice = Invoices.invoice().currency("INR").customerLocale("en-IN")
                .customerName("Łódź Żółć Ærø — Ελληνικά — Кириллица")
                .service("Symbols € £ ¥ ₹ ü", "1", "item", "1000.00", null).build();
        byte[] bytes = PDF.pdf(invoice);
        String text = PdfText.of(bytes);

        assertThat(text).contains("Łódź Żółć Ærø — Ελληνικά — Кириллица", "Symbols € £ ¥ ₹ ü", "₹");
        try (PDDocument document = Loader.loadPDF(bytes)) {
            List<PDFont> fonts = new ArrayList<>();
            for (PDPage page : document.getPages()) {
                for (COSName name : page.getResources().getFontNames()) {
                    fonts.add(page.getResources().getFont(name));
                }
            }
            assertThat(fonts).isNotEmpty().allSatisfy(font -> {
                assertThat(font.isEmbedded()).as(font.getName() + " embedded").isTrue();
                assertThat(font.getName()).as("subset prefix").matches("[A-Z]{6}\\+DejaVuSans.*");
            });
        }
    }

    /**
     * A page in Latin letters embeds the Latin cut of each face only; a letter outside it (Greek, Cyrillic) brings
     * in the whole face beside it, and the text still reads back as typed (the test above).
     */
    @Test
    void embedsTheWholeFaceOnlyForLettersOutsideTheLatinCut() {
        assertThat(PdfText.fontNames(PDF.pdf(usInvoice()))).hasSize(2);
        InvoiceData greek = Invoices.invoice().customerName("Ελληνικά").service("Work", "1", "item", "10.00", null)
                .build();
        assertThat(PdfText.fontNames(PDF.pdf(greek))).hasSize(3);
    }

    @Test
    void markdownNotesAndTermsRenderWithRawHtmlAsLiteralText() {
        InvoiceData invoice = Invoices.invoice().service("Work", "1", "hour", "10.00", null)
                .notes("Thanks for **choosing us**! <script>alert('x')</script>\n\n| Milestone | Date |\n|---|---|\n"
                        + "| Beta | May |")
                .terms("<b>not bold</b> & <img src=\"http://169.254.169.254/x\"> ![logo](http://example.invalid/l.png)")
                .build();
        String html = PDF.html(invoice);
        String text = PdfText.of(PDF.pdf(html));

        assertThat(text).contains("NOTES", "Thanks for choosing us! <script>alert('x')</script>", "Milestone Date",
                "Beta May", "TERMS", "<b>not bold</b> & <img src=\"http://169.254.169.254/x\">");
        assertThat(html).doesNotContain("<script>").doesNotContain("<b>not bold");
    }

    @Test
    void paidInvoiceShowsPaidMarkAndVoidShowsVoid() {
        String paid = PdfText.of(PDF.pdf(Invoices.invoice().status("paid").amountPaid("11.90")
                .service("Work", "1", "hour", "10.00", "19").build()));
        assertThat(paid).contains("PAID", "Paid $11.90", "Amount due $0.00").doesNotContain("VOID");

        String open = PdfText.of(PDF.pdf(usInvoice()));
        assertThat(open).doesNotContain("PAID").doesNotContain("VOID");

        String voided = PdfText.of(PDF.pdf(Invoices.invoice().status("void")
                .service("Work", "1", "hour", "10.00", "19").build()));
        assertThat(voided).contains("VOID").doesNotContain("PAID");
    }

    @Test
    void lateFeesAppearInTotals() {
        String text = PdfText.of(PDF.pdf(Invoices.invoice().lateFees("15.00")
                .service("Work", "1", "hour", "1000.00", null).build()));
        assertThat(text).contains("Late fees $15.00", "Total $1,015.00");
    }

    @Test
    void longInvoiceSpansPagesWithRepeatedHeaderAndPageNumbers() throws IOException {
        Invoices builder = Invoices.invoice().currency("EUR").customerLocale("de-DE");
        for (int i = 1; i <= 100; i++) {
            builder.service("Development task " + i, "1.5", "hour", "95.00", "19");
        }
        for (int i = 1; i <= 20; i++) {
            builder.expense("Expense item " + i, "1", "item", "10.00", null);
        }
        byte[] bytes = PDF.pdf(builder.build());
        int pages;
        try (PDDocument document = Loader.loadPDF(bytes)) {
            pages = document.getNumberOfPages();
        }
        assertThat(pages).isGreaterThanOrEqualTo(3);
        String all = PdfText.of(bytes);
        for (int i = 1; i <= 100; i++) {
            assertThat(all).contains("Development task " + i + " Feature #" + i + " 01.02.26 – 28.02.26 1,5 hour 95,00 € 142,50 €");
        }
        for (int i = 1; i <= 20; i++) {
            assertThat(all).contains("Expense item " + i + " 1 item 10,00 € 10,00 €");
        }
        String second = PdfText.page(bytes, 2);
        assertThat(second).contains("Page 2 of " + pages);
        // The table header repeats on every page the table continues onto.
        assertThat(second).contains("Description", "Quantity", "Unit price", "Amount");
        Matcher footer = Pattern.compile("Page (\\d+) of (\\d+)").matcher(PdfText.page(bytes, pages));
        assertThat(footer.find()).isTrue();
        assertThat(footer.group(1)).isEqualTo(String.valueOf(pages));
        assertThat(footer.group(2)).isEqualTo(String.valueOf(pages));
    }

    @Test
    void setsTitleAndAuthorMetadata() throws IOException {
        try (PDDocument document = Loader.loadPDF(PDF.pdf(usInvoice()))) {
            assertThat(document.getDocumentInformation().getTitle()).isEqualTo("Invoice 2026-001");
            assertThat(document.getDocumentInformation().getAuthor()).isEqualTo("Acme Studio LLC");
        }
    }

    @Test
    void escapesEveryValueFromTheSnapshot() {
        InvoiceData invoice = Invoices.invoice().customerName("<b>Evil & Co</b>\u0007").number("2026/<x>")
                .reference("\"quoted\" 'ref'")
                .service("<i>x</i> & <img src=x>", "1", "hour", "10.00", null).build();
        String html = PDF.html(invoice);
        String text = PdfText.of(PDF.pdf(html));

        assertThat(html).doesNotContain("<b>Evil").doesNotContain("<img src=x").doesNotContain("<x>")
                .doesNotContain("<i>x");
        assertThat(text).contains("<b>Evil & Co</b>", "2026/<x>", "\"quoted\" 'ref'", "<i>x</i> & <img src=x>");
    }
}
