package io.billstream.document.einvoice.domain;

import com.helger.cii.d16b.CIID16BCrossIndustryInvoiceTypeMarshaller;
import com.helger.commons.error.list.ErrorList;
import com.helger.en16931.cii2ubl.CIIToUBL21Converter;
import com.helger.ubl21.UBL21Marshaller;
import io.billstream.document.documents.domain.render.XmlTransformers;
import oasis.names.specification.ubl.schema.xsd.creditnote_21.CreditNoteType;
import oasis.names.specification.ubl.schema.xsd.invoice_21.InvoiceType;
import org.mustangproject.Invoice;
import org.mustangproject.ZUGFeRD.Profile;
import org.mustangproject.ZUGFeRD.Profiles;
import org.mustangproject.ZUGFeRD.ZUGFeRD2PullProvider;
import org.mustangproject.ZUGFeRD.ZUGFeRDExporterFromA3;
import un.unece.uncefact.data.standard.crossindustryinvoice._100.CrossIndustryInvoiceType;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;

/**
 * Writes e-invoices with the Mustang project: CII from its model (profile EN 16931 for Factur-X, XRechnung for the
 * German CIUS), UBL 2.1 by converting that CII with the EN 16931 CII → UBL converter Mustang ships (Mustang 2.16.2
 * has no UBL writer of its own), and Factur-X by embedding the CII into a PDF/A-3 page. No XML is written by hand.
 */
public final class EInvoiceWriter {

    static final String XRECHNUNG_UBL_CUSTOMIZATION =
            "urn:cen.eu:en16931:2017#compliant#urn:xeinkauf.de:kosit:xrechnung_3.0";
    static final String PEPPOL_PROFILE = "urn:fdc:peppol.eu:2017:poacc:billing:01:1.0";

    static {
        XmlTransformers.pin(); // Mustang asks JAXP for a transformer factory for every document it writes
    }

    private EInvoiceWriter() {
    }

    /** The XML of an XRechnung syntax (application/xml). */
    public static byte[] xml(EInvoiceSource source, EInvoiceSyntax syntax) {
        Invoice model = EInvoiceModel.build(source, syntax);
        return switch (syntax) {
            case XRECHNUNG_CII -> cii(model, Profiles.getByName("XRechnung"));
            case XRECHNUNG_UBL -> ubl(cii(model, Profiles.getByName("XRechnung")));
            case FACTURX -> cii(model, Profiles.getByName("EN16931"));
        };
    }

    /**
     * The Factur-X PDF: {@code pdfA3} (the visible page, already PDF/A-3) with {@code factur-x.xml} (CII, profile
     * EN 16931) attached as its "Alternative" and the Factur-X XMP metadata.
     */
    public static byte[] facturX(EInvoiceSource source, byte[] pdfA3) {
        Invoice model = EInvoiceModel.build(source, EInvoiceSyntax.FACTURX);
        try {
            // The page is PDF/A-3 already (we render it so): the A-3 exporter directly, which parses it once, where
            // ZUGFeRDExporterFromPDFA would parse it a second time to find out.
            ZUGFeRDExporterFromA3 exporter = new ZUGFeRDExporterFromA3().load(pdfA3);
            exporter.setProducer("Billstream").setCreator("Billstream").setProfile(Profiles.getByName("EN16931"));
            exporter.setTransaction(model);
            ByteArrayOutputStream out = new ByteArrayOutputStream(pdfA3.length + 32 * 1024);
            exporter.export(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("Factur-X embedding failed", e);
        }
    }

    static byte[] cii(Invoice model, Profile profile) {
        ZUGFeRD2PullProvider provider = new ZUGFeRD2PullProvider();
        provider.setProfile(profile);
        provider.generateXML(model);
        return provider.getXML();
    }

    static byte[] ubl(byte[] cii) {
        CrossIndustryInvoiceType parsed = new CIID16BCrossIndustryInvoiceTypeMarshaller().read(cii);
        if (parsed == null) {
            throw new IllegalStateException("the CII written by Mustang could not be read back");
        }
        ErrorList errors = new ErrorList();
        Serializable ubl = new CIIToUBL21Converter()
                .setCustomizationID(XRECHNUNG_UBL_CUSTOMIZATION)
                .setProfileID(PEPPOL_PROFILE)
                .convertCIItoUBL(parsed, errors);
        if (ubl instanceof InvoiceType invoice) {
            return UBL21Marshaller.invoice().setFormattedOutput(true).getAsBytes(invoice);
        }
        if (ubl instanceof CreditNoteType note) {
            // The converter (2.2.4) files the credited invoice under CreditNoteDocumentReference; EN 16931 (BR-55,
            // UBL-SR-07) wants the preceding invoice (BT-25, BT-26) as InvoiceDocumentReference: moved in the model.
            note.getBillingReference().forEach(reference -> {
                if (reference.getInvoiceDocumentReference() == null && reference.getCreditNoteDocumentReference() != null) {
                    reference.setInvoiceDocumentReference(reference.getCreditNoteDocumentReference());
                    reference.setCreditNoteDocumentReference(null);
                }
            });
            return UBL21Marshaller.creditNote().setFormattedOutput(true).getAsBytes(note);
        }
        throw new IllegalStateException("CII to UBL conversion failed: " + errors);
    }
}
