package io.billstream.document.einvoice;

import io.billstream.document.einvoice.domain.EInvoiceIncompleteException;
import io.billstream.document.einvoice.domain.EInvoiceSource;
import io.billstream.document.einvoice.domain.EInvoiceSyntax;
import io.billstream.document.einvoice.domain.EInvoiceWriter;
import io.billstream.document.einvoice.domain.MissingField;
import io.billstream.document.documents.domain.render.InvoicePdf;
import io.billstream.platform.events.data.AddressData;
import io.billstream.platform.events.data.InvoiceData;
import io.billstream.platform.events.data.PartyData;
import io.billstream.platform.events.data.TaxLineData;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentNameDictionary;
import org.apache.pdfbox.pdmodel.PDEmbeddedFilesNameTreeNode;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What the e-invoices say: the API's totals to the cent, the references, units, and refusals of incomplete data. */
class EInvoiceContentTest {

    private static final InvoicePdf PDF = new InvoicePdf();

    @Test
    void ciiTotalsTaxPerCategoryAndTheLateFeeChargeEqualTheApisToTheCent() throws Exception {
        InvoiceData invoice = EInvoiceFixtures.severalRates();
        Document xml = parse(EInvoiceWriter.xml(EInvoiceSource.of(invoice), EInvoiceSyntax.XRECHNUNG_CII));

        assertThat(amount(xml, "//*[local-name()='GrandTotalAmount']")).isEqualByComparingTo(invoice.total());
        assertThat(amount(xml, "//*[local-name()='TaxTotalAmount']")).isEqualByComparingTo(invoice.taxTotal());
        assertThat(amount(xml, "//*[local-name()='LineTotalAmount' and parent::*[local-name()="
                + "'SpecifiedTradeSettlementHeaderMonetarySummation']]")).isEqualByComparingTo(invoice.subtotal());
        assertThat(amount(xml, "//*[local-name()='ChargeTotalAmount']")).isEqualByComparingTo(invoice.lateFees());
        assertThat(amount(xml, "//*[local-name()='DuePayableAmount']")).isEqualByComparingTo(invoice.amountDue());
        assertThat(text(xml, "//*[local-name()='SpecifiedTradeAllowanceCharge']/*[local-name()='Reason']"))
                .isEqualTo("Late payment fee");
        Map<String, BigDecimal> taxPerRate = new HashMap<>();
        NodeList rows = nodes(xml, "//*[local-name()='ApplicableHeaderTradeSettlement']/*[local-name()='ApplicableTradeTax']");
        for (int i = 0; i < rows.getLength(); i++) {
            var row = rows.item(i);
            taxPerRate.put(text(row, "*[local-name()='CategoryCode']") + " "
                            + new BigDecimal(text(row, "*[local-name()='RateApplicablePercent']")).stripTrailingZeros()
                            .toPlainString(),
                    new BigDecimal(text(row, "*[local-name()='CalculatedAmount']")));
        }
        for (TaxLineData tax : invoice.taxBreakdown()) {
            String category = new BigDecimal(tax.ratePercent()).signum() == 0 ? "Z" : "S";
            assertThat(taxPerRate.get(category + " " + new BigDecimal(tax.ratePercent()).stripTrailingZeros()
                    .toPlainString())).isEqualByComparingTo(tax.tax());
        }
        assertThat(text(xml, "//*[local-name()='BuyerReference']")).isEqualTo("04011000-12345-34");
        assertThat(attribute(xml, "//*[local-name()='BilledQuantity']/@unitCode")).isEqualTo("HUR");
    }

    @Test
    void ublCarriesTheSameTotalsAndACreditNoteReferencesItsInvoice() throws Exception {
        InvoiceData invoice = EInvoiceFixtures.reverseCharge();
        Document ubl = parse(EInvoiceWriter.xml(EInvoiceSource.of(invoice), EInvoiceSyntax.XRECHNUNG_UBL));
        assertThat(amount(ubl, "//*[local-name()='LegalMonetaryTotal']/*[local-name()='TaxInclusiveAmount']"))
                .isEqualByComparingTo(invoice.total());
        assertThat(text(ubl, "//*[local-name()='ClassifiedTaxCategory']/*[local-name()='ID']")).isEqualTo("AE");
        assertThat(text(ubl, "//*[local-name()='CustomizationID']"))
                .isEqualTo("urn:cen.eu:en16931:2017#compliant#urn:xeinkauf.de:kosit:xrechnung_3.0");

        var note = EInvoiceFixtures.creditNote(invoice);
        Document cii = parse(EInvoiceWriter.xml(EInvoiceSource.of(note), EInvoiceSyntax.XRECHNUNG_CII));
        assertThat(text(cii, "//*[local-name()='ExchangedDocument']/*[local-name()='TypeCode']")).isEqualTo("381");
        assertThat(text(cii, "//*[local-name()='InvoiceReferencedDocument']/*[local-name()='IssuerAssignedID']"))
                .isEqualTo("2026-017");
        assertThat(amount(cii, "//*[local-name()='GrandTotalAmount']")).isEqualByComparingTo(note.total());
        Document creditUbl = parse(EInvoiceWriter.xml(EInvoiceSource.of(note), EInvoiceSyntax.XRECHNUNG_UBL));
        assertThat(text(creditUbl, "//*[local-name()='BillingReference']/*[local-name()='InvoiceDocumentReference']"
                + "/*[local-name()='ID']")).isEqualTo("2026-017");
        assertThat(text(creditUbl, "//*[local-name()='CreditNoteTypeCode']")).isEqualTo("381");
    }

    @Test
    void facturXIsThePlainPageAsPdfA3WithFacturXXmlAndXmp() throws Exception {
        InvoiceData invoice = EInvoiceFixtures.severalRates();
        String page = PDF.html(invoice);
        byte[] pdf = EInvoiceWriter.facturX(EInvoiceSource.of(invoice), PDF.pdfA3(page));

        try (PDDocument document = Loader.loadPDF(pdf)) {
            PDEmbeddedFilesNameTreeNode files = new PDDocumentNameDictionary(document.getDocumentCatalog())
                    .getEmbeddedFiles();
            assertThat(files.getNames()).containsKey("factur-x.xml");
            byte[] xml = files.getNames().get("factur-x.xml").getEmbeddedFile().toByteArray();
            assertThat(text(parse(xml), "//*[local-name()='GuidelineSpecifiedDocumentContextParameter']/*"))
                    .isEqualTo("urn:cen.eu:en16931:2017");
            String xmp = new String(document.getDocumentCatalog().getMetadata().toByteArray(), StandardCharsets.UTF_8);
            assertThat(xmp).contains("urn:factur-x:pdfa:CrossIndustryDocument:invoice:1p0#", "EN 16931",
                    "<pdfaid:part>3</pdfaid:part>");
        }
        // the same visible content as the plain PDF
        assertThat(io.billstream.document.documents.domain.render.PdfText.of(pdf))
                .isEqualTo(io.billstream.document.documents.domain.render.PdfText.of(PDF.pdf(page)));
    }

    @Test
    void anIncompleteInvoiceIsRefusedNamingEveryMissingField() {
        PartyData bareSeller = new PartyData("Acme", null, null, null, "en-US");
        PartyData buyer = new PartyData("Kunde", "k@kunde.example", new AddressData("Str. 1", null, null, null, null,
                "FR"), null, "fr-FR");
        InvoiceData invoice = EInvoiceFixtures.invoice().seller(bareSeller).buyer(buyer)
                .line("Review", "1", "day", "100.00", null, "AE", null)
                .line("Hosting", "1", "month", "10.00", "19", "S", null)
                .line("Books", "1", "item", "10.00", null, "O", "not subject")
                .line("Export", "1", "item", "10.00", "0", "Z", null)
                .build();

        assertThatThrownBy(() -> EInvoiceWriter.xml(EInvoiceSource.of(invoice), EInvoiceSyntax.XRECHNUNG_CII))
                .isInstanceOfSatisfying(EInvoiceIncompleteException.class, e ->
                        assertThat(e.fields()).extracting(MissingField::field).contains(
                                "lineItems[0].taxExemptionReason", "lineItems[2].taxCategory", "lineItems",
                                "seller.address", "customer.address.city", "customer.address.postalCode",
                                "seller.vatId", "customer.taxId", "buyerReference", "seller.contactPhone", "seller.email",
                                "seller.iban"));
        // Factur-X (EN 16931 alone) does not ask for what only XRechnung needs
        assertThatThrownBy(() -> EInvoiceWriter.xml(EInvoiceSource.of(invoice), EInvoiceSyntax.FACTURX))
                .isInstanceOfSatisfying(EInvoiceIncompleteException.class, e ->
                        assertThat(e.fields()).extracting(MissingField::field)
                                .doesNotContain("buyerReference", "seller.contactPhone", "seller.iban",
                                        "customer.address.city"));
    }

    @Test
    void aTaxNumberAloneDoesNotIdentifyTheSeller() {
        PartyData s = EInvoiceFixtures.SELLER;
        PartyData taxNumberOnly = new PartyData(s.name(), s.email(), s.address(), s.taxId(), s.locale(), null,
                s.iban(), s.bic(), null, s.contactPhone());
        InvoiceData invoice = EInvoiceFixtures.invoice().seller(taxNumberOnly)
                .line("Consulting", "1", "hour", "100.00", "19", "S", null).build();
        assertThatThrownBy(() -> EInvoiceWriter.xml(EInvoiceSource.of(invoice), EInvoiceSyntax.FACTURX))
                .isInstanceOfSatisfying(EInvoiceIncompleteException.class, e ->
                        assertThat(e.fields()).extracting(MissingField::field).containsExactly("seller.vatId"));
    }

    @Test
    void theValidatorRejectsWhatBillstreamWouldNeverWrite() {
        // A control: the validator applies the KoSIT rules, so removing the buyer reference (BR-DE-15) fails it.
        String xml = new String(EInvoiceWriter.xml(EInvoiceSource.of(EInvoiceFixtures.zeroRate()),
                EInvoiceSyntax.XRECHNUNG_CII), StandardCharsets.UTF_8);
        String broken = xml.replaceAll("<ram:BuyerReference>[^<]*</ram:BuyerReference>", "");
        assertThat(broken).isNotEqualTo(xml);
        List<String> problems = EInvoiceValidationTest.problems(EInvoiceValidationTest.validate(
                broken.getBytes(StandardCharsets.UTF_8), "broken.xml"));
        assertThat(problems).anySatisfy(p -> assertThat(p).contains("BR-DE-15"));
    }

    private static Document parse(byte[] xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
    }

    private static NodeList nodes(Object context, String path) throws Exception {
        return (NodeList) XPathFactory.newInstance().newXPath().evaluate(path, context, XPathConstants.NODESET);
    }

    private static String text(Object context, String path) throws Exception {
        return XPathFactory.newInstance().newXPath().evaluate(path, context).trim();
    }

    private static String attribute(Object context, String path) throws Exception {
        return text(context, path);
    }

    private static BigDecimal amount(Object context, String path) throws Exception {
        return new BigDecimal(text(context, path));
    }
}
