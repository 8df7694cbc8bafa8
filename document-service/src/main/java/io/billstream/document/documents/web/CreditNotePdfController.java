package io.billstream.document.documents.web;

import io.billstream.document.documents.domain.CreditNoteDocuments;
import io.billstream.document.documents.domain.StoredPdf;
import io.billstream.platform.errors.DomainException;
import io.billstream.platform.security.Caller;
import io.billstream.platform.web.Downloads;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Schema;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** The credit note's PDF, with ETag and 304 like invoice PDFs. */
@RestController
class CreditNotePdfController {

    private final CreditNoteDocuments documents;

    CreditNotePdfController(CreditNoteDocuments documents) {
        this.documents = documents;
    }

    // format=facturx is served by the e-invoice slice (einvoice.web.EInvoiceController); documented here, one GET per path.
    @Operation(parameters = @Parameter(name = "format", in = ParameterIn.QUERY, description = "pdf (default) or "
            + "facturx: a PDF/A-3 with factur-x.xml (CII, EN 16931) embedded, the same visible page; 422 "
            + "einvoice_incomplete with errors[] when data EN 16931 requires is missing",
            schema = @Schema(allowableValues = {"pdf", "facturx"})))
    @GetMapping("/v1/credit-notes/{id}/pdf")
    ResponseEntity<byte[]> pdf(@PathVariable String id, Caller caller,
                               @RequestHeader(value = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch) {
        StoredPdf pdf = documents.find(caller.tenant(), id)
                .orElseThrow(() -> DomainException.notFound("Credit note PDF"));
        return Downloads.inline(ifNoneMatch, pdf.etag(), MediaType.APPLICATION_PDF, CreditNoteDocuments.filename(pdf),
                () -> documents.content(pdf));
    }
}
