package io.billstream.document.documents.web;

import io.billstream.document.documents.domain.InvoiceDocuments;
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

@RestController
class InvoicePdfController {

    private final InvoiceDocuments documents;

    InvoicePdfController(InvoiceDocuments documents) {
        this.documents = documents;
    }

    // format=facturx is served by the e-invoice slice (einvoice.web.EInvoiceController); documented here, one GET per path.
    @Operation(parameters = @Parameter(name = "format", in = ParameterIn.QUERY, description = "pdf (default) or "
            + "facturx: a PDF/A-3 with factur-x.xml (CII, EN 16931) embedded, the same visible page; 422 "
            + "einvoice_incomplete with errors[] when data EN 16931 requires is missing",
            schema = @Schema(allowableValues = {"pdf", "facturx"})))
    @GetMapping("/v1/invoices/{id}/pdf")
    ResponseEntity<byte[]> pdf(@PathVariable String id, Caller caller,
                               @RequestHeader(value = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch) {
        StoredPdf pdf = documents.current(caller.tenant(), id).orElseThrow(() -> DomainException.notFound("Invoice PDF"));
        return Downloads.inline(ifNoneMatch, pdf.etag(), MediaType.APPLICATION_PDF, pdf.filename(),
                () -> documents.content(pdf));
    }
}
