package io.billstream.document.einvoice;

import io.billstream.platform.events.data.AddressData;
import io.billstream.platform.events.data.CreditNoteData;
import io.billstream.platform.events.data.InvoiceData;
import io.billstream.platform.events.data.LineItemData;
import io.billstream.platform.events.data.PartyData;
import io.billstream.platform.events.data.PeriodData;
import io.billstream.platform.events.data.TaxLineData;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Invoice and credit note snapshots as invoice-service produces them (amounts half-up, tax per rate on the summed
 * base), with the EN 16931 data of the API contract §14.
 */
final class EInvoiceFixtures {

    static final PartyData SELLER = new PartyData("Acme Studio GmbH", "billing@acme.example",
            new AddressData("Torstraße 5", null, "Berlin", null, "10119", "DE"), "37/123/45678", "de-DE",
            "DE123456789", "DE89370400440532013000", "COBADEFFXXX", null, "+49 30 1234567");
    static final PartyData GERMAN_BUYER = new PartyData("Stadt Musterhausen", "rechnung@musterhausen.example",
            new AddressData("Rathausplatz 1", "Zimmer 12", "Musterhausen", null, "12345", "DE"), "DE987654321",
            "de-DE", null, null, null, "04011000-12345-34", null);
    static final PartyData FRENCH_BUYER = new PartyData("Société Exemple SARL", "factures@exemple.example",
            new AddressData("12 rue de la Paix", null, "Paris", null, "75002", "FR"), "FR40303265045", "fr-FR",
            null, null, null, "PO-2026-17", null);

    private final List<LineItemData> lines = new ArrayList<>();
    private PartyData buyer = GERMAN_BUYER;
    private PartyData seller = SELLER;
    private String lateFees = "0.00";
    private String amountPaid = "0.00";
    private String status = "open";
    private String id = "inv_e1";
    private long version = 3;

    static EInvoiceFixtures invoice() {
        return new EInvoiceFixtures();
    }

    EInvoiceFixtures buyer(PartyData value) { buyer = value; return this; }
    EInvoiceFixtures seller(PartyData value) { seller = value; return this; }
    EInvoiceFixtures lateFees(String value) { lateFees = value; status = "overdue"; return this; }
    EInvoiceFixtures amountPaid(String value) { amountPaid = value; return this; }
    EInvoiceFixtures id(String value) { id = value; return this; }
    EInvoiceFixtures version(long value) { version = value; return this; }
    EInvoiceFixtures status(String value) { status = value; return this; }

    EInvoiceFixtures line(String description, String quantity, String unit, String unitPrice, String rate,
                          String category, String reason) {
        BigDecimal amount = new BigDecimal(quantity).multiply(new BigDecimal(unitPrice))
                .setScale(2, RoundingMode.HALF_UP);
        lines.add(new LineItemData("li_" + (lines.size() + 1), description, "service", quantity, unit, unitPrice,
                rate, null, lines.isEmpty() ? new PeriodData(LocalDate.of(2026, 2, 1), LocalDate.of(2026, 2, 28))
                : null, amount.toPlainString(), category, reason));
        return this;
    }

    /** 19 % and 7 % lines, a zero-rated line and a late fee. */
    static InvoiceData severalRates() {
        return invoice()
                .line("Backend development", "12.5", "hour", "120.00", "19", "S", null)
                .line("Specialist books", "3", "item", "33.33", "7", "S", null)
                .line("Workshop day", "1", "day", "980.00", "19", "S", null)
                .line("Export documentation", "1", null, "45.10", "0", "Z", null)
                .lateFees("37.47").build();
    }

    /** Reverse charge for a French business customer, with a late fee. */
    static InvoiceData reverseCharge() {
        return invoice().buyer(FRENCH_BUYER)
                .line("Architecture review", "2", "day", "1200.00", null, "AE", "Reverse charge: VAT owed by the "
                        + "recipient (Article 196 Directive 2006/112/EC)")
                .line("Hosting", "1", "month", "99.90", "0", "AE", "Reverse charge: VAT owed by the recipient "
                        + "(Article 196 Directive 2006/112/EC)")
                .lateFees("12.50").build();
    }

    /** Only zero-rated lines, partly paid. */
    static InvoiceData zeroRate() {
        return invoice()
                .line("Printed matter for export", "10", "item", "4.99", "0", "Z", null)
                .amountPaid("20.00").build();
    }

    InvoiceData build() {
        BigDecimal subtotal = BigDecimal.ZERO.setScale(2);
        Map<BigDecimal, BigDecimal> bases = new TreeMap<>();
        for (LineItemData line : lines) {
            subtotal = subtotal.add(new BigDecimal(line.amount()));
            if (line.taxRatePercent() != null) {
                bases.merge(new BigDecimal(line.taxRatePercent()), new BigDecimal(line.amount()), BigDecimal::add);
            }
        }
        List<TaxLineData> taxes = new ArrayList<>();
        BigDecimal taxTotal = BigDecimal.ZERO.setScale(2);
        for (var base : bases.entrySet()) {
            BigDecimal tax = base.getValue().multiply(base.getKey()).movePointLeft(2).setScale(2, RoundingMode.HALF_UP);
            taxTotal = taxTotal.add(tax);
            taxes.add(new TaxLineData(base.getKey().toPlainString(), base.getValue().toPlainString(),
                    tax.toPlainString()));
        }
        BigDecimal total = subtotal.add(taxTotal).add(new BigDecimal(lateFees));
        Instant now = Instant.parse("2026-03-02T10:00:00Z");
        LocalDate issued = LocalDate.of(2026, 3, 2);
        return new InvoiceData(id, "2026-017", status, "cus_1", buyer, seller, "EUR", List.copyOf(lines),
                subtotal.toPlainString(), taxes, taxTotal.toPlainString(), lateFees, total.toPlainString(),
                amountPaid, total.subtract(new BigDecimal(amountPaid)).toPlainString(), issued, issued.plusDays(14),
                null, null, "Thank you for your business!", "Net 14", "PO-4711", Map.of(), 14, "1.5", version, now, now,
                Map.of(), null, null, false, null, "0.00");
    }

    /** A credit note of part of {@code invoice}'s first two lines (as invoice-service snapshots it). */
    static CreditNoteData creditNote(InvoiceData invoice) {
        List<CreditNoteData.CreditNoteLineData> credited = new ArrayList<>();
        BigDecimal subtotal = BigDecimal.ZERO.setScale(2);
        Map<BigDecimal, BigDecimal> bases = new TreeMap<>();
        Map<BigDecimal, String> categories = new TreeMap<>();
        for (LineItemData line : invoice.lineItems().subList(0, 2)) {
            BigDecimal amount = BigDecimal.ONE.multiply(new BigDecimal(line.unitPrice())).setScale(2, RoundingMode.HALF_UP);
            credited.add(new CreditNoteData.CreditNoteLineData(line.id(), line.description(), line.kind(), "1",
                    line.unit(), line.unitPrice(), line.taxRatePercent(), line.taxCategory(), null, null,
                    amount.toPlainString(), line.taxExemptionReason()));
            subtotal = subtotal.add(amount);
            if (line.taxRatePercent() != null) {
                bases.merge(new BigDecimal(line.taxRatePercent()), amount, BigDecimal::add);
                categories.put(new BigDecimal(line.taxRatePercent()), line.taxCategory());
            }
        }
        List<CreditNoteData.CreditNoteTaxData> taxes = new ArrayList<>();
        BigDecimal taxTotal = BigDecimal.ZERO.setScale(2);
        for (var base : bases.entrySet()) {
            BigDecimal tax = base.getValue().multiply(base.getKey()).movePointLeft(2).setScale(2, RoundingMode.HALF_UP);
            taxTotal = taxTotal.add(tax);
            taxes.add(new CreditNoteData.CreditNoteTaxData(base.getKey().toPlainString(),
                    categories.get(base.getKey()), base.getValue().toPlainString(), tax.toPlainString()));
        }
        BigDecimal total = subtotal.add(taxTotal);
        return new CreditNoteData("cn_e1", "CN-2026-004", invoice.id(), invoice.number(), invoice.issueDate(),
                invoice.customerId(), invoice.customer(), invoice.seller(), invoice.currency(), credited,
                subtotal.toPlainString(), taxes, taxTotal.toPlainString(), total.toPlainString(),
                total.toPlainString(), "0.00", "0.00", "none", "order_change", "One unit of each was not delivered.",
                LocalDate.of(2026, 3, 20), Instant.parse("2026-03-20T09:00:00Z"));
    }
}
