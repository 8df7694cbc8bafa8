package io.billstream.document.einvoice.web;

import io.billstream.document.einvoice.domain.EInvoiceDocuments.Served;
import io.billstream.document.einvoice.domain.EInvoiceDocuments;
import io.billstream.document.einvoice.domain.EInvoiceIncompleteException;
import io.billstream.document.einvoice.domain.EInvoiceSyntax;
import io.billstream.platform.errors.DomainException;
import io.billstream.platform.errors.ErrorCode;
import io.billstream.platform.errors.FieldViolation;
import io.billstream.platform.security.Caller;
import io.billstream.platform.web.Downloads;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * The API contract §14: {@code …/pdf?format=facturx} (the plain {@code …/pdf} stays with its own controller) and
 * {@code …/einvoice?syntax=xrechnung-cii|xrechnung-ubl}, for invoices and credit notes, with ETag and 304 like PDFs.
 */
@RestController
class EInvoiceController {

    private static final String SYNTAXES = "xrechnung-cii, xrechnung-ubl";

    private final EInvoiceDocuments documents;

    EInvoiceController(EInvoiceDocuments documents) {
        this.documents = documents;
    }

    // The ?format variants of …/pdf share the plain PDF's operation in the OpenAPI document (one GET per path).
    @Operation(hidden = true)
    @GetMapping(path = "/v1/invoices/{id}/pdf", params = "format=facturx")
    ResponseEntity<byte[]> invoiceFacturX(@PathVariable String id, Caller caller,
                                          @RequestHeader(value = HttpHeaders.IF_NONE_MATCH, required = false)
                                          String ifNoneMatch) {
        return respond(() -> documents.invoice(caller.tenant(), id, EInvoiceSyntax.FACTURX), "Invoice", ifNoneMatch);
    }

    @Operation(hidden = true)
    @GetMapping(path = "/v1/credit-notes/{id}/pdf", params = "format=facturx")
    ResponseEntity<byte[]> creditNoteFacturX(@PathVariable String id, Caller caller,
                                             @RequestHeader(value = HttpHeaders.IF_NONE_MATCH, required = false)
                                             String ifNoneMatch) {
        return respond(() -> documents.creditNote(caller.tenant(), id, EInvoiceSyntax.FACTURX), "Credit note",
                ifNoneMatch);
    }

    /** Any other {@code format} than the plain PDF's: refused rather than silently answered with the plain PDF. */
    @Operation(hidden = true)
    @GetMapping(path = {"/v1/invoices/{id}/pdf", "/v1/credit-notes/{id}/pdf"},
            params = {"format", "format!=facturx", "format!=pdf"})
    ResponseEntity<byte[]> unknownFormat(@PathVariable String id) {
        throw DomainException.validation("format", "must be facturx (or pdf, the default)");
    }

    @Operation(summary = "The invoice as an XRechnung 3.0 e-invoice (EN 16931), CII or UBL",
            description = "application/xml with ETag; 304 on If-None-Match; 422 einvoice_incomplete with errors[] "
                    + "naming each missing field; 404 for drafts.")
    @GetMapping(path = "/v1/invoices/{id}/einvoice", produces = {"application/xml", "application/problem+json"})
    ResponseEntity<byte[]> invoiceXml(@PathVariable String id, @Parameter(hidden = true) Caller caller,
                                      @Parameter(schema = @Schema(allowableValues = {"xrechnung-cii", "xrechnung-ubl"}))
                                      @RequestParam(required = false) String syntax,
                                      @RequestHeader(value = HttpHeaders.IF_NONE_MATCH, required = false)
                                      String ifNoneMatch) {
        EInvoiceSyntax chosen = xmlSyntax(syntax);
        return respond(() -> documents.invoice(caller.tenant(), id, chosen), "Invoice", ifNoneMatch);
    }

    @Operation(summary = "The credit note as an XRechnung 3.0 e-invoice (type 381, referencing its invoice)",
            description = "Like the invoice's e-invoice.")
    @GetMapping(path = "/v1/credit-notes/{id}/einvoice", produces = {"application/xml", "application/problem+json"})
    ResponseEntity<byte[]> creditNoteXml(@PathVariable String id, @Parameter(hidden = true) Caller caller,
                                         @Parameter(schema = @Schema(allowableValues = {"xrechnung-cii",
                                                 "xrechnung-ubl"}))
                                         @RequestParam(required = false) String syntax,
                                         @RequestHeader(value = HttpHeaders.IF_NONE_MATCH, required = false)
                                         String ifNoneMatch) {
        EInvoiceSyntax chosen = xmlSyntax(syntax);
        return respond(() -> documents.creditNote(caller.tenant(), id, chosen), "Credit note", ifNoneMatch);
    }

    private static EInvoiceSyntax xmlSyntax(String syntax) {
        return EInvoiceSyntax.fromWire(syntax).filter(EInvoiceSyntax::xrechnung)
                .orElseThrow(() -> DomainException.validation("syntax", "must be one of " + SYNTAXES));
    }

    private ResponseEntity<byte[]> respond(Supplier<Optional<Served>> render, String what, String ifNoneMatch) {
        Served served;
        try {
            served = render.get().orElseThrow(() -> DomainException.notFound(what));
        } catch (EInvoiceIncompleteException e) {
            throw new DomainException(ErrorCode.EINVOICE_INCOMPLETE,
                    "The " + what.toLowerCase(java.util.Locale.ROOT) + " lacks data an e-invoice requires (EN 16931).",
                    e.fields().stream().map(f -> new FieldViolation(f.field(), f.message())).toList(), null);
        }
        Served answer = served;
        return Downloads.inline(ifNoneMatch, answer.etag(), MediaType.parseMediaType(answer.contentType()),
                answer.filename(), () -> documents.content(answer));
    }
}
