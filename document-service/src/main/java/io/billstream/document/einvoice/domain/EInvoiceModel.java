package io.billstream.document.einvoice.domain;

import io.billstream.platform.events.data.AddressData;
import io.billstream.platform.events.data.PartyData;
import org.mustangproject.BankDetails;
import org.mustangproject.Charge;
import org.mustangproject.Contact;
import org.mustangproject.Invoice;
import org.mustangproject.Item;
import org.mustangproject.Product;
import org.mustangproject.SchemedID;
import org.mustangproject.TradeParty;
import org.mustangproject.ZUGFeRD.TransactionCalculator;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Currency;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Builds the Mustang model of an invoice or credit note, after checking that it holds everything EN 16931 (and, for
 * XRechnung, the German CIUS) requires; a gap is reported with the API field to fill in, never as a document a
 * validator would reject. The XML itself is written by Mustang ({@link EInvoiceWriter}).
 */
public final class EInvoiceModel {

    /** UN/ECE Recommendation 20 codes of the API's units (API contract §14); a line without a unit counts one item. */
    static final Map<String, String> UNIT_CODES = Map.of("hour", "HUR", "day", "DAY", "month", "MON", "item", "C62");
    static final String LATE_FEE_REASON = "Late payment fee";
    private static final Set<String> ZERO_RATED = Set.of("Z", "E", "AE", "K", "O");
    private static final Set<String> NEED_REASON = Set.of("E", "AE", "K", "O");
    private static final Pattern VAT_ID = Pattern.compile("[A-Z]{2}[A-Z0-9]{2,13}");

    private EInvoiceModel() {
    }

    /** The checked model; throws {@link EInvoiceIncompleteException} listing every gap. */
    public static Invoice build(EInvoiceSource source, EInvoiceSyntax syntax) {
        List<MissingField> missing = check(source, syntax);
        if (!missing.isEmpty()) {
            throw new EInvoiceIncompleteException(missing);
        }
        Invoice invoice = model(source, syntax);
        List<MissingField> arithmetic = sameTotals(source, invoice);
        if (!arithmetic.isEmpty()) {
            throw new EInvoiceIncompleteException(arithmetic);
        }
        return invoice;
    }

    /** Every gap at once, named by its API field (for credit notes: the fields of the invoice and settings). */
    public static List<MissingField> check(EInvoiceSource s, EInvoiceSyntax syntax) {
        List<MissingField> missing = new ArrayList<>();
        PartyData seller = s.seller();
        PartyData buyer = s.buyer();
        Set<String> categories = new LinkedHashSet<>();
        Set<String> zeroCategories = new LinkedHashSet<>();
        for (int i = 0; i < s.lines().size(); i++) {
            EInvoiceSource.Line line = s.lines().get(i);
            String p = "lineItems[" + i + "].";
            categories.add(line.taxCategory());
            if ("O".equals(line.taxCategory())) {
                // Mustang 2.16.2 writes a rate and no exemption reason for O, which BR-O-05 and BR-O-10 reject.
                missing.add(new MissingField(p + "taxCategory", line.taxRatePercent() == null
                        ? "a line without a tax rate needs a taxCategory (S with a rate, Z, E, AE or K) in an e-invoice"
                        : "O (not subject to VAT) cannot be written as an e-invoice; use E with an exemption reason"));
            } else if (ZERO_RATED.contains(line.taxCategory())) {
                zeroCategories.add(line.taxCategory());
                if (NEED_REASON.contains(line.taxCategory()) && blank(line.taxExemptionReason())) {
                    missing.add(new MissingField(p + "taxExemptionReason",
                            "is required for tax category " + line.taxCategory()));
                }
            }
        }
        if (zeroCategories.size() > 1) {
            missing.add(new MissingField("lineItems", "an e-invoice can carry one category at 0 % per document; "
                    + "this one mixes " + String.join(", ", zeroCategories)));
        }
        if (seller == null || blank(seller.name())) {
            missing.add(new MissingField("seller.name", "is required"));
        }
        address(missing, "seller.address", seller == null ? null : seller.address(), syntax.xrechnung());
        if (buyer == null || blank(buyer.name())) {
            missing.add(new MissingField("customer.name", "is required"));
        }
        address(missing, "customer.address", buyer == null ? null : buyer.address(), syntax.xrechnung());
        boolean reverse = categories.contains("AE") || categories.contains("K");
        if (seller == null || blank(seller.vatId())) {
            // BR-CO-26: the seller is identified by its VAT id (Billstream keeps no other seller identifier); a tax
            // number (seller.taxId) is printed too, but does not identify the seller on its own.
            missing.add(new MissingField("seller.vatId", "is required: EN 16931 identifies the seller by its VAT "
                    + "identification number"));
        }
        if (reverse && (buyer == null || buyerVatId(buyer) == null)) {
            missing.add(new MissingField("customer.taxId", "must be the customer's VAT identification number "
                    + "(such as FR12345678901) for reverse charge (AE) and intra-community supply (K)"));
        }
        Currency currency = currency(s.currency());
        if (currency == null || currency.getDefaultFractionDigits() > 2) {
            missing.add(new MissingField("currency", "EN 16931 amounts have at most 2 decimals; "
                    + s.currency() + " cannot be used in an e-invoice"));
        }
        if (s.issueDate() == null || blank(s.number())) {
            missing.add(new MissingField("status", "only issued invoices have e-invoices"));
        }
        if (syntax.xrechnung()) {
            if (blank(s.buyerReference())) {
                missing.add(new MissingField("buyerReference", "XRechnung requires a buyer reference (BT-10), "
                        + "e.g. the Leitweg-ID: set it on the invoice or the customer"));
            }
            if (seller == null || blank(seller.contactPhone())) {
                missing.add(new MissingField("seller.contactPhone", "XRechnung requires the seller's contact phone"));
            }
            if (seller == null || blank(seller.email())) {
                missing.add(new MissingField("seller.email", "XRechnung requires the seller's contact email"));
            }
            if (!s.creditNote() && (seller == null || blank(seller.iban()))) {
                missing.add(new MissingField("seller.iban", "XRechnung requires payment instructions: the account "
                        + "to pay to"));
            }
        }
        return missing;
    }

    private static void address(List<MissingField> missing, String field, AddressData address, boolean xrechnung) {
        if (address == null) {
            missing.add(new MissingField(field, "is required (with at least the country)"));
            return;
        }
        if (blank(address.country())) {
            missing.add(new MissingField(field + ".country", "is required"));
        }
        if (xrechnung && blank(address.city())) {
            missing.add(new MissingField(field + ".city", "XRechnung requires the city"));
        }
        if (xrechnung && blank(address.postalCode())) {
            missing.add(new MissingField(field + ".postalCode", "XRechnung requires the postal code"));
        }
    }

    private static Invoice model(EInvoiceSource s, EInvoiceSyntax syntax) {
        Invoice invoice = new Invoice()
                .setNumber(s.number())
                .setIssueDate(date(s.issueDate()))
                .setCurrency(s.currency())
                .setSender(seller(s.seller()))
                .setRecipient(buyer(s.buyer()));
        if (s.creditNote()) {
            invoice.setCreditNote();
            invoice.setInvoiceReferencedDocumentID(s.invoiceNumber());
            if (s.invoiceIssueDate() != null) {
                invoice.setInvoiceReferencedIssueDate(date(s.invoiceIssueDate()));
            }
            // BR-CO-25: a positive amount due needs a due date or payment terms; a credit note is settled for the buyer.
            invoice.setPaymentTermDescription("Credited against invoice " + s.invoiceNumber()
                    + "; any amount already paid beyond what remains due is refunded.");
        } else if (s.dueDate() != null) {
            invoice.setDueDate(date(s.dueDate()));
        }
        if (!blank(s.buyerReference())) {
            invoice.setReferenceNumber(s.buyerReference());
        }
        if (!blank(s.note())) {
            invoice.addNote(s.note());
        }
        deliveryPeriod(invoice, s);
        if (s.lines().stream().anyMatch(l -> "K".equals(l.taxCategory()))) {
            // BR-IC-12: intra-community supply names the country delivered to: the buyer's address.
            invoice.setDeliveryAddress(buyer(s.buyer()));
        }
        String zeroCategory = "Z";
        for (EInvoiceSource.Line line : s.lines()) {
            Product product = new Product(line.description(), "", unitCode(line.unit()),
                    line.taxRatePercent() == null ? BigDecimal.ZERO : line.taxRatePercent())
                    .setTaxCategoryCode(line.taxCategory());
            if (!"S".equals(line.taxCategory())) {
                zeroCategory = line.taxCategory();
            }
            if (NEED_REASON.contains(line.taxCategory())) {
                product.setTaxExemptionReason(line.taxExemptionReason());
            }
            Item item = new Item(product, line.unitPrice(), line.quantity());
            if (line.period() != null && line.period().start() != null && line.period().end() != null) {
                item.setDetailedDeliveryPeriod(date(line.period().start()), date(line.period().end()));
            }
            invoice.addItem(item);
        }
        if (s.lateFees().signum() > 0) {
            // Late fees are not a taxable supply: a charge at 0 %, in the document's 0 % category (Z if it has none),
            // because EN 16931 allows one VAT breakdown per category and rate.
            invoice.addCharge(new Charge(s.lateFees()).setReason(LATE_FEE_REASON).setTaxPercent(BigDecimal.ZERO)
                    .setCategoryCode(zeroCategory));
        }
        BigDecimal settled = s.total().subtract(s.amountDue());
        if (settled.signum() > 0) {
            invoice.setTotalPrepaidAmount(settled);
        }
        return invoice;
    }

    /** The e-invoice's own arithmetic (Mustang's) must reach the API's figures to the cent, or nothing is issued. */
    static List<MissingField> sameTotals(EInvoiceSource s, Invoice invoice) {
        TransactionCalculator calc = new TransactionCalculator(invoice);
        BigDecimal basis = calc.getTaxBasis();
        BigDecimal grand = calc.getGrandTotal().setScale(2, RoundingMode.HALF_UP);
        BigDecimal tax = grand.subtract(basis);
        List<MissingField> problems = new ArrayList<>();
        if (basis.compareTo(s.subtotal().add(s.lateFees())) != 0 || tax.compareTo(s.taxTotal()) != 0
                || grand.compareTo(s.total()) != 0) {
            problems.add(new MissingField("lineItems", "the line amounts of this invoice cannot be expressed with "
                    + "the 2-decimal arithmetic of EN 16931 (e-invoice total " + grand.toPlainString()
                    + " against " + s.total().toPlainString() + ")"));
        }
        return problems;
    }

    private static void deliveryPeriod(Invoice invoice, EInvoiceSource s) {
        LocalDate start = null;
        LocalDate end = null;
        for (EInvoiceSource.Line line : s.lines()) {
            if (line.period() == null || line.period().start() == null || line.period().end() == null) {
                // Not every line says when it was delivered: the issue date stands for the supply date.
                invoice.setDeliveryDate(date(s.issueDate()));
                return;
            }
            start = start == null || line.period().start().isBefore(start) ? line.period().start() : start;
            end = end == null || line.period().end().isAfter(end) ? line.period().end() : end;
        }
        if (start != null) {
            invoice.setDetailedDeliveryPeriod(date(start), date(end));
        }
    }

    private static TradeParty seller(PartyData seller) {
        TradeParty party = party(seller);
        if (!blank(seller.vatId())) {
            party.addVATID(seller.vatId());
        }
        if (!blank(seller.taxId())) {
            party.addTaxID(seller.taxId());
        }
        party.setContact(new Contact(seller.name(), blank(seller.contactPhone()) ? null : seller.contactPhone(),
                blank(seller.email()) ? null : seller.email()));
        if (!blank(seller.iban())) {
            party.addBankDetails(blank(seller.bic()) ? new BankDetails(seller.iban())
                    : new BankDetails(seller.iban(), seller.bic()));
        }
        return party;
    }

    private static TradeParty buyer(PartyData buyer) {
        TradeParty party = party(buyer);
        String vatId = buyerVatId(buyer);
        if (vatId != null) {
            party.addVATID(vatId);
        }
        return party;
    }

    private static TradeParty party(PartyData data) {
        AddressData a = data.address();
        TradeParty party = new TradeParty(data.name(), a.line1(), a.postalCode(), a.city(), a.country());
        if (!blank(a.line2())) {
            party.setAdditionalAddress(a.line2());
        }
        if (!blank(data.email())) {
            // BT-34 / BT-49, the electronic addresses XRechnung requires; e-mail is the one every party has here.
            party.addUriUniversalCommunicationID(new SchemedID("EM", data.email()));
        }
        return party;
    }

    /** The customer's tax id counts as its VAT id (BT-48) when it has the shape of one. */
    static String buyerVatId(PartyData buyer) {
        if (buyer.taxId() == null) {
            return null;
        }
        String compact = buyer.taxId().replace(" ", "").toUpperCase(java.util.Locale.ROOT);
        return VAT_ID.matcher(compact).matches() ? compact : null;
    }

    static String unitCode(String unit) {
        return unit == null ? "C62" : UNIT_CODES.getOrDefault(unit, "C62");
    }

    private static Date date(LocalDate date) {
        // Mustang formats java.util.Date in the JVM's zone: midnight there is the same calendar day.
        return Date.from(date.atStartOfDay(ZoneId.systemDefault()).toInstant());
    }

    private static Currency currency(String code) {
        try {
            return code == null ? null : Currency.getInstance(code);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
