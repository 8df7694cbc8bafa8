package io.billstream.document.documents.domain.render;

import io.billstream.platform.events.data.AddressData;
import io.billstream.platform.events.data.CreditNoteData;
import io.billstream.platform.events.data.InvoiceData;
import io.billstream.platform.events.data.PartyData;
import io.billstream.platform.events.data.PeriodData;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** docs/api-reference.md §13: the credit note PDF, read back with PDFBox. */
public class CreditNotePdfTest {

    private static final InvoicePdf PDF = new InvoicePdf();

    public static CreditNoteData note(String locale, String currency, String memo) {
        PartyData seller = new PartyData("Acme Studio LLC", "billing@acme.example",
                new AddressData("1 Infinite Loop", null, "Cupertino", "CA", "95014", "US"), "US-123", locale);
        PartyData customer = new PartyData("Globex Corporation", "billing@globex.example",
                new AddressData("742 Evergreen Terrace", null, "Springfield", null, "49007", "US"), null, locale);
        return new CreditNoteData("cn_test", "CN-2026-004", "inv_test", "2026-017", LocalDate.of(2026, 3, 2),
                "cus_1", customer, seller, currency,
                List.of(new CreditNoteData.CreditNoteLineData("li_1", "Backend development", "service", "2.5", "hour",
                                "120.00", "19", "S", "Feature #1",
                                new PeriodData(LocalDate.of(2026, 2, 1), LocalDate.of(2026, 2, 28)), "300.00"),
                        new CreditNoteData.CreditNoteLineData("li_2", "Cloud hosting", "expense", "1", "month",
                                "99.90", null, "O", null, null, "99.90")),
                "399.90", List.of(new CreditNoteData.CreditNoteTaxData("19", "S", "300.00", "57.00")), "57.00",
                "456.90", "156.90", "300.00", "0.00", "pending", "order_change", memo, LocalDate.of(2026, 3, 20),
                Instant.parse("2026-03-20T09:00:00Z"));
    }

    @Test
    void showsTheCreditNoteTheCreditedInvoiceGroupedLinesTaxTotalsReasonAndMemo() {
        String text = PdfText.of(PDF.pdf(PDF.creditNoteHtml(note("en-US", "USD",
                "Two and a half hours were **not** worked."))));
        assertThat(text).contains("CREDIT NOTE", "Number", "CN-2026-004", "Date", "Mar 20, 2026",
                "Credited invoice", "2026-017", "Invoice date", "Mar 2, 2026");
        assertThat(text).contains("Acme Studio LLC", "BILL TO", "Globex Corporation", "742 Evergreen Terrace");
        assertThat(text).contains("Professional services", "Pass-through expenses",
                "2.5 hour $120.00 $300.00", "1 month $99.90 $99.90", "Feature #1",
                "Subtotal professional services $300.00", "Subtotal pass-through expenses $99.90");
        assertThat(text.indexOf("Professional services")).isLessThan(text.indexOf("Backend development"));
        assertThat(text.indexOf("Pass-through expenses")).isLessThan(text.indexOf("Cloud hosting"));
        assertThat(text).contains("Subtotal $399.90", "Tax 19% on $300.00 $57.00", "Total credit $456.90",
                "Credited to invoice 2026-017 $156.90", "Refunded to you $300.00");
        assertThat(text).contains("REASON", "Order change", "MEMO", "Two and a half hours were not worked.");
        assertThat(text).doesNotContain("**");
        assertThat(text).contains("Page 1 of 1");
    }

    @Test
    void followsTheCustomersLocaleAndEmbedsTheInvoiceFonts() throws IOException {
        byte[] pdf = PDF.pdf(PDF.creditNoteHtml(note("de-DE", "EUR", null)));
        String text = PdfText.of(pdf);
        assertThat(text).contains("20.03.2026", "02.03.2026", "456,90 €", "Tax 19 % on 300,00 €");
        assertThat(text).doesNotContain("MEMO");
        try (PDDocument document = Loader.loadPDF(pdf)) {
            assertThat(document.getDocumentInformation().getTitle()).isEqualTo("Credit note CN-2026-004");
            assertThat(document.getDocumentInformation().getAuthor()).isEqualTo("Acme Studio LLC");
        }
        assertThat(PdfText.fontNames(pdf)).allSatisfy(f -> assertThat(f).contains("DejaVuSans"));
    }

    @Test
    void theCreditedInvoiceShowsWhatItsCreditNotesTookOff() {
        InvoiceData i = io.billstream.document.fixtures.Invoices.invoice().status("paid").amountPaid("1000.00")
                .service("Consulting", "10", "hour", "150.00", "19").build();
        InvoiceData credited = new InvoiceData(i.id(), i.number(), i.status(), i.customerId(), i.customer(),
                i.seller(), i.currency(), i.lineItems(), i.subtotal(), i.taxBreakdown(), i.taxTotal(), i.lateFees(),
                i.total(), i.amountPaid(), "0.00", i.issueDate(), i.dueDate(), i.paidAt(), i.voidedAt(), i.notes(),
                i.terms(), i.reference(), i.metadata(), i.paymentTermsDays(), i.lateFeePercentPerMonth(),
                i.version(), i.createdAt(), i.updatedAt(), i.change(), null, null, false, null, "785.00");
        assertThat(PdfText.of(PDF.pdf(credited))).contains("Total $1,785.00", "Paid $1,000.00",
                "Credited (credit notes) $785.00", "Amount due $0.00");
        assertThat(PdfText.of(PDF.pdf(i))).doesNotContain("Credited");
    }

    @Test
    void escapesEverySnapshotValue() {
        CreditNoteData base = note("en-US", "USD", "<script>alert(1)</script>");
        String html = PDF.creditNoteHtml(base);
        assertThat(html).doesNotContain("<script>");
        assertThat(PdfText.of(PDF.pdf(html))).contains("<script>alert(1)</script>");
    }
}
