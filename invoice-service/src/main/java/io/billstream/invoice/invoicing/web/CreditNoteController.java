package io.billstream.invoice.invoicing.web;

import jakarta.validation.Valid;
import io.billstream.platform.paging.PageLimit;
import io.billstream.platform.paging.Page;
import io.billstream.platform.paging.KeysetCursor;
import io.billstream.invoice.invoicing.api.CreditNoteView;
import io.billstream.invoice.invoicing.api.IssueCreditNote;
import io.billstream.invoice.settings.domain.BillingSettingsSource;
import io.billstream.invoice.invoicing.domain.CreditNote;
import io.billstream.invoice.invoicing.domain.InvoiceState;
import io.billstream.invoice.invoicing.persistence.CreditNoteViews;
import io.billstream.platform.ids.Ids;
import io.billstream.platform.security.Caller;
import io.billstream.platform.errors.DomainException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/** API contract §13 credit notes. The credit note lives in its invoice's event stream; lists come from the read model. */
@RestController
class CreditNoteController {

    private final InvoiceCommands commands;
    private final CreditNoteViews views;
    private final BillingSettingsSource settings;

    CreditNoteController(InvoiceCommands commands, CreditNoteViews views, BillingSettingsSource settings) {
        this.commands = commands;
        this.views = views;
        this.settings = settings;
    }

    @PostMapping("/v1/invoices/{id}/credit-notes")
    ResponseEntity<CreditNoteView> issue(Caller caller, @PathVariable String id,
                                             @RequestHeader(value = "Idempotency-Key", required = false)
                                             String idempotencyKey,
                                             @Valid @RequestBody CreditNoteRequest body) {
        List<IssueCreditNote.CreditLine> lines = body.lines() == null ? null : body.lines().stream()
                .map(l -> new IssueCreditNote.CreditLine(l.lineItemId(), l.quantity(), l.amount())).toList();
        String creditNoteId = creditNoteId(caller, id, idempotencyKey);
        commands.send(caller, new IssueCreditNote(id, creditNoteId, lines, body.amount(), body.reason(),
                body.memo(), settings.settingsFor(caller).creditNoteNumberFormat()));
        InvoiceState invoice = commands.current(caller, id);
        CreditNoteView note = CreditNoteView.from(invoice.creditNotes().get(creditNoteId).toData(invoice));
        return ResponseEntity.status(HttpStatus.CREATED)
                .header(HttpHeaders.LOCATION, "/v1/credit-notes/" + creditNoteId).body(note);
    }

    /** From the invoice's own events, so a credit note just issued and its refund news are read back at once. */
    @GetMapping("/v1/credit-notes/{id}")
    CreditNoteView get(Caller caller, @PathVariable String id) {
        String invoiceId = views.invoiceOf(caller.tenant(), id)
                .orElseThrow(() -> DomainException.notFound("Credit note"));
        InvoiceState invoice = commands.current(caller, invoiceId);
        CreditNote note = invoice.creditNotes().get(id);
        if (note == null) {
            throw DomainException.notFound("Credit note");
        }
        return CreditNoteView.from(note.toData(invoice));
    }

    @GetMapping("/v1/credit-notes")
    Page<CreditNoteView> list(Caller caller, @RequestParam(required = false) String invoiceId,
                        @RequestParam(required = false) String customerId,
                        @RequestParam(defaultValue = "20") int limit,
                        @RequestParam(required = false) String cursor) {
        PageLimit.check(limit);
        KeysetCursor after = KeysetCursor.decode(cursor);
        return views.list(caller.tenant(), blankToNull(invoiceId), blankToNull(customerId), limit, after);
    }

    /**
     * With an {@code Idempotency-Key} the id follows from it, so a retry whose first attempt took effect but lost its
     * answer (a crash between the two) meets the aggregate's "this credit note exists" no-op and gets the same
     * credit note back, never a second one (API contract §2, end to end).
     */
    static String creditNoteId(Caller caller, String invoiceId, String idempotencyKey) {
        if (idempotencyKey == null || idempotencyKey.isBlank()) {
            return Ids.newId("cn");
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest((caller.tenant() + "\n" + invoiceId + "\n"
                    + idempotencyKey).getBytes(StandardCharsets.UTF_8));
            return "cn_" + HexFormat.of().formatHex(digest, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
