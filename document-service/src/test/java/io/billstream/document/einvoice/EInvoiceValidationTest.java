package io.billstream.document.einvoice;

import io.billstream.document.einvoice.domain.EInvoiceSource;
import io.billstream.document.einvoice.domain.EInvoiceSyntax;
import io.billstream.document.einvoice.domain.EInvoiceWriter;
import io.billstream.document.documents.domain.render.InvoicePdf;
import io.billstream.platform.events.data.CreditNoteData;
import io.billstream.platform.events.data.InvoiceData;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.mustangproject.validator.ZUGFeRDValidator;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every document Billstream writes passes the Mustang validator (XML schema, the EN 16931 schematron and the KoSIT
 * XRechnung rules it embeds; veraPDF for the PDF/A-3 part) with no error: invoices and credit notes, CII and UBL and
 * Factur-X, with several standard rates, a zero rate, reverse charge and a late fee.
 */
class EInvoiceValidationTest {

    private static final InvoicePdf PDF = new InvoicePdf();

    static Stream<Arguments> documents() {
        List<Arguments> all = new ArrayList<>();
        for (var named : List.of(
                Arguments.of("several rates + Z + late fee", EInvoiceFixtures.severalRates()),
                Arguments.of("reverse charge AE + late fee", EInvoiceFixtures.reverseCharge()),
                Arguments.of("zero rate, partly paid", EInvoiceFixtures.zeroRate()),
                Arguments.of("credit note, 19 % and 7 %",
                        EInvoiceFixtures.creditNote(EInvoiceFixtures.severalRates())),
                Arguments.of("credit note, reverse charge",
                        EInvoiceFixtures.creditNote(EInvoiceFixtures.reverseCharge())))) {
            for (EInvoiceSyntax syntax : EInvoiceSyntax.values()) {
                all.add(Arguments.of(named.get()[0] + " as " + syntax.wire(), named.get()[1], syntax));
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("documents")
    void passesTheValidatorWithoutErrors(String name, Object snapshot, EInvoiceSyntax syntax) {
        EInvoiceSource source = source(snapshot);
        String report;
        if (syntax == EInvoiceSyntax.FACTURX) {
            report = validate(EInvoiceWriter.facturX(source, PDF.pdfA3(page(snapshot))), "invoice.pdf");
        } else {
            byte[] xml = EInvoiceWriter.xml(source, syntax);
            report = validate(xml, "invoice.xml");
        }
        assertThat(problems(report)).as(name + ":\n" + report).isEmpty();
        assertThat(report).contains("status=\"valid\"");
    }

    static EInvoiceSource source(Object snapshot) {
        return snapshot instanceof InvoiceData invoice ? EInvoiceSource.of(invoice)
                : EInvoiceSource.of((CreditNoteData) snapshot);
    }

    static String page(Object snapshot) {
        return snapshot instanceof InvoiceData invoice ? PDF.html(invoice) : PDF.creditNoteHtml((CreditNoteData) snapshot);
    }

    static String validate(byte[] document, String filename) {
        ZUGFeRDValidator validator = new ZUGFeRDValidator();
        validator.disableNotices();
        return validator.validate(document, filename);
    }

    /** Errors and exceptions of a validation report (warnings are listed by the report but do not fail it). */
    static List<String> problems(String report) {
        List<String> found = new ArrayList<>();
        Matcher m = Pattern.compile("<(error|exception|fatal)\\b[^>]*>(.*?)</\\1>", Pattern.DOTALL).matcher(report);
        while (m.find()) {
            found.add(m.group(0));
        }
        return found;
    }

    static String text(byte[] xml) {
        return new String(xml, StandardCharsets.UTF_8);
    }
}
