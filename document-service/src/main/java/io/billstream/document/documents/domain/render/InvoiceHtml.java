package io.billstream.document.documents.domain.render;

import io.billstream.platform.events.data.AddressData;
import io.billstream.platform.events.data.InvoiceData;
import io.billstream.platform.events.data.LineItemData;
import io.billstream.platform.events.data.PartyData;
import io.billstream.platform.events.data.PeriodData;
import io.billstream.platform.events.data.TaxLineData;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;

import static io.billstream.document.documents.domain.render.Html.escape;

/**
 * The invoice page as XHTML for openhtmltopdf. Every value from the snapshot passes through {@link Html#escape}
 * or through flexmark with raw HTML escaped. Labels are English (v1); numbers, money and dates follow the
 * customer's locale. The output depends only on what the PDF shows, so its hash tells whether a new version of
 * an invoice needs a new render.
 */
public final class InvoiceHtml {

    static final String FONT_FAMILY = "DejaVu Sans";
    /** The whole DejaVu face, for the letters the Latin cut under {@link #FONT_FAMILY} lacks (ParsedFonts). */
    static final String FALLBACK_FONT_FAMILY = "DejaVu Sans Complete";

    static final String CSS = """
            @page {
              size: A4;
              margin: 16mm 14mm 18mm 14mm;
              @bottom-right {
                content: "Page " counter(page) " of " counter(pages);
                font-family: 'DejaVu Sans', 'DejaVu Sans Complete'; font-size: 7.5pt; color: #666;
              }
            }
            body { font-family: 'DejaVu Sans', 'DejaVu Sans Complete'; font-size: 8.5pt; color: #1f2328;
                   line-height: 1.35; }
            h1 { font-size: 20pt; margin: 0 0 2mm 0; letter-spacing: 1pt; }
            h2 { font-size: 9pt; margin: 4mm 0 1.5mm 0; color: #555; text-transform: uppercase; }
            table { border-collapse: collapse; }
            .top { width: 100%; margin-bottom: 6mm; table-layout: fixed; }
            .top td { vertical-align: top; }
            .seller-name, .party-name { font-weight: bold; font-size: 10pt; }
            .meta td { padding: 0.6mm 0 0.6mm 4mm; }
            .meta td.k { color: #555; }
            .mark { display: inline-block; border: 2pt solid; padding: 1mm 4mm; font-weight: bold;
                    font-size: 14pt; letter-spacing: 2pt; margin-top: 2mm; }
            .mark.paid { color: #1a7f37; border-color: #1a7f37; }
            .mark.void { color: #cf222e; border-color: #cf222e; }
            .watermark { position: fixed; top: 95mm; left: 0; width: 182mm; text-align: center; z-index: -1;
                         font-size: 120pt; font-weight: bold; color: #f6d5d7; transform: rotate(-30deg); }
            .lines { width: 100%; -fs-table-paginate: paginate; margin-top: 2mm; table-layout: fixed; }
            .lines thead { display: table-header-group; }
            .lines th { text-align: left; font-size: 7.5pt; color: #555; border-bottom: 1pt solid #999;
                        padding: 1.2mm 1.2mm; }
            .lines td { padding: 0.9mm 1.2mm; border-bottom: 0.5pt solid #e1e4e8; vertical-align: top; }
            .lines td.small { font-size: 7pt; padding-top: 1.2mm; }
            .nowrap { white-space: nowrap; }
            .lines tr { page-break-inside: avoid; }
            .lines .group td { font-weight: bold; font-size: 9pt; border-bottom: 1pt solid #999; padding-top: 3mm; }
            .lines .subtotal td { font-weight: bold; border-bottom: none; }
            .num { text-align: right; white-space: nowrap; }
            .lines th.num { text-align: right; }
            .muted { color: #666; }
            .totals { width: 48%; margin-left: 52%; margin-top: 4mm; page-break-inside: avoid; }
            .totals td { padding: 0.8mm 0 0.8mm 6mm; }
            .totals .grand td { font-weight: bold; border-top: 1pt solid #999; }
            .totals .due td { font-weight: bold; font-size: 10.5pt; border-top: 1pt solid #999; }
            .terms-sentence { margin-top: 6mm; }
            .md table { border-collapse: collapse; margin: 1mm 0; }
            .md th, .md td { border: 0.5pt solid #ccc; padding: 0.8mm 1.5mm; }
            .md p { margin: 0 0 1.5mm 0; }
            """;

    private final MarkdownHtml markdown;

    public InvoiceHtml(MarkdownHtml markdown) {
        this.markdown = markdown;
    }

    public String render(InvoiceData invoice) {
        Currency currency = Currency.getInstance(invoice.currency());
        LocaleFormat format = new LocaleFormat(LocaleFormat.resolve(
                invoice.customer() == null ? null : invoice.customer().locale(),
                invoice.seller() == null ? null : invoice.seller().locale()), currency);
        StringBuilder h = new StringBuilder(16_384 + 600 * sizeOf(invoice.lineItems()));
        String sellerName = invoice.seller() == null ? "" : invoice.seller().name();
        h.append("<!DOCTYPE html>\n<html lang=\"").append(escape(format.locale().toLanguageTag())).append("\"><head>")
                .append("<meta charset=\"UTF-8\" />")
                .append("<title>Invoice ").append(escape(invoice.number())).append("</title>")
                .append("<meta name=\"author\" content=\"").append(escape(sellerName)).append("\" />")
                .append("<meta name=\"subject\" content=\"Invoice ").append(escape(invoice.number()))
                .append(" for ").append(escape(invoice.customer() == null ? "" : invoice.customer().name()))
                .append("\" />")
                .append("<style>").append(CSS).append("</style></head><body>");
        if ("void".equals(invoice.status())) {
            h.append("<div class=\"watermark\">VOID</div>");
        }
        header(h, invoice, format);
        lines(h, invoice, format);
        totals(h, invoice, format);
        String terms = TermsSentence.of(invoice.paymentTermsDays(), invoice.lateFeePercentPerMonth(),
                invoice.issueDate(), invoice.dueDate(), format);
        if (!terms.isEmpty()) {
            h.append("<p class=\"terms-sentence\">").append(escape(terms)).append("</p>");
        }
        markdownSection(h, "Notes", invoice.notes());
        markdownSection(h, "Terms", invoice.terms());
        return h.append("</body></html>").toString();
    }

    private void header(StringBuilder h, InvoiceData invoice, LocaleFormat format) {
        h.append("<table class=\"top\"><tr><td style=\"width:55%\">");
        party(h, invoice.seller(), "seller-name");
        h.append("</td><td style=\"width:45%; text-align:right\"><h1>INVOICE</h1><table class=\"meta\" "
                + "style=\"margin-left:auto\">");
        metaRow(h, "Number", invoice.number());
        metaRow(h, "Issue date", format.date(invoice.issueDate()));
        metaRow(h, "Due date", format.date(invoice.dueDate()));
        if (invoice.reference() != null && !invoice.reference().isBlank()) {
            metaRow(h, "Reference", invoice.reference());
        }
        h.append("</table>");
        if ("paid".equals(invoice.status())) {
            h.append("<div class=\"mark paid\">PAID</div>");
        } else if ("void".equals(invoice.status())) {
            h.append("<div class=\"mark void\">VOID</div>");
        }
        h.append("</td></tr><tr><td style=\"padding-top:6mm\"><h2>Bill to</h2>");
        party(h, invoice.customer(), "party-name");
        h.append("</td><td></td></tr></table>");
    }

    static void metaRow(StringBuilder h, String label, String value) {
        h.append("<tr><td class=\"k\">").append(label).append("</td><td>").append(escape(value))
                .append("</td></tr>");
    }

    static void party(StringBuilder h, PartyData party, String nameClass) {
        if (party == null) {
            return;
        }
        h.append("<div class=\"").append(nameClass).append("\">").append(escape(party.name())).append("</div>");
        AddressData a = party.address();
        if (a != null) {
            line(h, a.line1());
            line(h, a.line2());
            String cityLine = join(" ", a.postalCode(), a.city());
            line(h, join(", ", cityLine, a.region()));
            line(h, a.country());
        }
        line(h, party.email());
        if (party.taxId() != null && !party.taxId().isBlank()) {
            h.append("<div>Tax ID: ").append(escape(party.taxId())).append("</div>");
        }
    }

    private static void line(StringBuilder h, String text) {
        if (text != null && !text.isBlank()) {
            h.append("<div>").append(escape(text)).append("</div>");
        }
    }

    private static String join(String separator, String... parts) {
        List<String> present = new ArrayList<>();
        for (String part : parts) {
            if (part != null && !part.isBlank()) {
                present.add(part);
            }
        }
        return String.join(separator, present);
    }

    private void lines(StringBuilder h, InvoiceData invoice, LocaleFormat format) {
        lineTable(h, invoice.lineItems(), format);
    }

    /** The line table, grouped into services and expenses with a subtotal each (invoices and credit notes). */
    static void lineTable(StringBuilder h, List<LineItemData> lineItems, LocaleFormat format) {
        List<LineItemData> services = new ArrayList<>();
        List<LineItemData> expenses = new ArrayList<>();
        if (lineItems != null) {
            for (LineItemData line : lineItems) {
                ("expense".equals(line.kind()) ? expenses : services).add(line);
            }
        }
        h.append("<table class=\"lines\"><thead><tr><th style=\"width:30%\">Description</th>"
                + "<th style=\"width:12%\">Reference</th><th style=\"width:17%\">Period</th>"
                + "<th class=\"num\" style=\"width:8%\">Quantity</th><th style=\"width:6%\">Unit</th>"
                + "<th class=\"num\" style=\"width:12%\">Unit price</th>"
                + "<th class=\"num\" style=\"width:15%\">Amount</th></tr></thead><tbody>");
        group(h, "Professional services", services, format);
        group(h, "Pass-through expenses", expenses, format);
        h.append("</tbody></table>");
    }

    private static void group(StringBuilder h, String title, List<LineItemData> lines, LocaleFormat format) {
        if (lines.isEmpty()) {
            return;
        }
        h.append("<tr class=\"group\"><td colspan=\"7\">").append(title).append("</td></tr>");
        BigDecimal subtotal = BigDecimal.ZERO;
        for (LineItemData line : lines) {
            h.append("<tr><td>").append(escape(line.description())).append("</td><td class=\"small\">")
                    .append(escape(line.reference())).append("</td><td class=\"small nowrap\">");
            period(h, line.period(), format);
            h.append("</td><td class=\"num\">").append(escape(format.quantity(line.quantity())))
                    .append("</td><td>").append(escape(line.unit()))
                    .append("</td><td class=\"num\">").append(escape(format.money(line.unitPrice())))
                    .append("</td><td class=\"num\">").append(escape(format.money(line.amount())))
                    .append("</td></tr>");
            if (line.amount() != null) {
                subtotal = subtotal.add(new BigDecimal(line.amount()));
            }
        }
        h.append("<tr class=\"subtotal\"><td colspan=\"6\" class=\"num\">Subtotal ").append(title.toLowerCase())
                .append("</td><td class=\"num\">").append(escape(format.money(subtotal))).append("</td></tr>");
    }

    private static void period(StringBuilder h, PeriodData period, LocaleFormat format) {
        if (period == null || (period.start() == null && period.end() == null)) {
            return;
        }
        h.append(escape(format.shortDate(period.start()))).append(" – ").append(escape(format.shortDate(period.end())));
    }

    private static void totals(StringBuilder h, InvoiceData invoice, LocaleFormat format) {
        h.append("<table class=\"totals\">");
        totalRow(h, null, "Subtotal", format.money(invoice.subtotal()));
        if (invoice.taxBreakdown() != null) {
            for (TaxLineData tax : invoice.taxBreakdown()) {
                totalRow(h, null, "Tax " + format.percent(tax.ratePercent()) + " on " + format.money(tax.base()),
                        format.money(tax.tax()));
            }
        }
        if (invoice.lateFees() != null && new BigDecimal(invoice.lateFees()).signum() != 0) {
            totalRow(h, null, "Late fees", format.money(invoice.lateFees()));
        }
        totalRow(h, "grand", "Total", format.money(invoice.total()));
        totalRow(h, null, "Paid", format.money(invoice.amountPaid()));
        if (invoice.amountCredited() != null && new BigDecimal(invoice.amountCredited()).signum() != 0) {
            totalRow(h, null, "Credited (credit notes)", format.money(invoice.amountCredited()));
        }
        totalRow(h, "due", "Amount due", format.money(invoice.amountDue()));
        h.append("</table>");
    }

    static void totalRow(StringBuilder h, String cssClass, String label, String value) {
        h.append(cssClass == null ? "<tr>" : "<tr class=\"" + cssClass + "\">").append("<td>").append(escape(label))
                .append("</td><td class=\"num\">").append(escape(value)).append("</td></tr>");
    }

    void markdownSection(StringBuilder h, String title, String text) {
        String body = markdown.toHtml(text);
        if (!body.isEmpty()) {
            h.append("<h2>").append(title).append("</h2><div class=\"md\">").append(body).append("</div>");
        }
    }

    private static int sizeOf(List<?> list) {
        return list == null ? 0 : list.size();
    }
}
