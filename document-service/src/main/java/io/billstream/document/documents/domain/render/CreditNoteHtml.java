package io.billstream.document.documents.domain.render;

import io.billstream.platform.events.data.CreditNoteData;
import io.billstream.platform.events.data.LineItemData;

import java.util.Currency;
import java.util.List;
import java.util.Map;

import static io.billstream.document.documents.domain.render.Html.escape;

/**
 * The credit note page in the invoice's layout, fonts and locale rules: "CREDIT NOTE", its number and
 * date, the credited invoice's number and date, the credited lines grouped like the invoice's, the tax breakdown and
 * totals, how the credit was settled, the reason and the memo. Built only from the credit_note.issued snapshot.
 */
public final class CreditNoteHtml {

    static final Map<String, String> REASONS = Map.of(
            "duplicate", "Duplicate invoice",
            "order_change", "Order change",
            "product_unsatisfactory", "Product or service unsatisfactory",
            "fraudulent", "Fraudulent charge",
            "other", "Other");

    private final InvoiceHtml invoiceHtml;

    public CreditNoteHtml(InvoiceHtml invoiceHtml) {
        this.invoiceHtml = invoiceHtml;
    }

    public String render(CreditNoteData note) {
        Currency currency = Currency.getInstance(note.currency());
        LocaleFormat format = new LocaleFormat(LocaleFormat.resolve(
                note.customer() == null ? null : note.customer().locale(),
                note.seller() == null ? null : note.seller().locale()), currency);
        StringBuilder h = new StringBuilder(12_288 + 600 * (note.lines() == null ? 0 : note.lines().size()));
        String sellerName = note.seller() == null ? "" : note.seller().name();
        h.append("<!DOCTYPE html>\n<html lang=\"").append(escape(format.locale().toLanguageTag())).append("\"><head>")
                .append("<meta charset=\"UTF-8\" />")
                .append("<title>Credit note ").append(escape(note.number())).append("</title>")
                .append("<meta name=\"author\" content=\"").append(escape(sellerName)).append("\" />")
                .append("<meta name=\"subject\" content=\"Credit note ").append(escape(note.number()))
                .append(" for invoice ").append(escape(note.invoiceNumber())).append("\" />")
                .append("<style>").append(InvoiceHtml.CSS).append("</style></head><body>");
        h.append("<table class=\"top\"><tr><td style=\"width:55%\">");
        InvoiceHtml.party(h, note.seller(), "seller-name");
        h.append("</td><td style=\"width:45%; text-align:right\"><h1>CREDIT NOTE</h1><table class=\"meta\" "
                + "style=\"margin-left:auto\">");
        InvoiceHtml.metaRow(h, "Number", note.number());
        InvoiceHtml.metaRow(h, "Date", format.date(note.issueDate()));
        InvoiceHtml.metaRow(h, "Credited invoice", note.invoiceNumber());
        InvoiceHtml.metaRow(h, "Invoice date", format.date(note.invoiceIssueDate()));
        h.append("</table></td></tr><tr><td style=\"padding-top:6mm\"><h2>Bill to</h2>");
        InvoiceHtml.party(h, note.customer(), "party-name");
        h.append("</td><td></td></tr></table>");

        List<LineItemData> lines = note.lines() == null ? List.of() : note.lines().stream()
                .map(l -> new LineItemData(l.lineItemId(), l.description(), l.kind(), l.quantity(), l.unit(),
                        l.unitPrice(), l.taxRatePercent(), l.reference(), l.period(), l.amount()))
                .toList();
        InvoiceHtml.lineTable(h, lines, format);

        h.append("<table class=\"totals\">");
        InvoiceHtml.totalRow(h, null, "Subtotal", format.money(note.subtotal()));
        if (note.taxBreakdown() != null) {
            for (CreditNoteData.CreditNoteTaxData tax : note.taxBreakdown()) {
                InvoiceHtml.totalRow(h, null, "Tax " + format.percent(tax.ratePercent()) + " on "
                        + format.money(tax.base()), format.money(tax.tax()));
            }
        }
        InvoiceHtml.totalRow(h, "grand", "Total credit", format.money(note.total()));
        InvoiceHtml.totalRow(h, null, "Credited to invoice " + (note.invoiceNumber() == null ? ""
                : note.invoiceNumber()), format.money(note.creditedAmount()));
        InvoiceHtml.totalRow(h, null, "Refunded to you", format.money(note.refundAmount()));
        h.append("</table>");

        h.append("<p class=\"terms-sentence\">This credit note reduces invoice ").append(escape(note.invoiceNumber()))
                .append(" of ").append(escape(format.date(note.invoiceIssueDate()))).append(" by ")
                .append(escape(format.money(note.total()))).append(".</p>");
        h.append("<h2>Reason</h2><p>").append(escape(REASONS.getOrDefault(note.reason(), note.reason())))
                .append("</p>");
        invoiceHtml.markdownSection(h, "Memo", note.memo());
        return h.append("</body></html>").toString();
    }
}
