package io.billstream.document.email.web;

import io.billstream.document.email.api.SendInvoice;
import io.billstream.document.email.domain.Emails;
import io.billstream.platform.security.Caller;
import io.billstream.platform.security.SeenVersion;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** Send an invoice by email, and the emails of an invoice (sends, reminders, receipts). */
@RestController
class EmailController {

    private final Emails emails;

    EmailController(Emails emails) {
        this.emails = emails;
    }

    @PostMapping("/v1/invoices/{id}/send")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(summary = "Email the invoice with its current PDF attached",
            description = "202: the email is stored as queued and sent in the background (retried while the SMTP "
                    + "server is down or answers 4xx). 409 invoice_is_draft, 422 no_recipient / validation_failed, 503 "
                    + "service_unavailable (with Retry-After) when the invoice was changed a moment ago and the change "
                    + "has not reached documents yet.")
    EmailView send(@PathVariable String id, @Parameter(hidden = true) Caller caller,
                   @RequestBody(required = false) SendInvoiceRequest body,
                   @Parameter(hidden = true) @RequestAttribute(name = SeenVersion.ATTRIBUTE, required = false)
                   SeenVersion seen) {
        return EmailView.of(emails.request(caller, id, body == null ? null
                : new SendInvoice(body.to(), body.cc(), body.subject(), body.message()),
                SeenVersion.of(seen, id)));
    }

    @GetMapping("/v1/invoices/{id}/emails")
    @Operation(summary = "The emails of an invoice, oldest first")
    EmailList list(@PathVariable String id, @Parameter(hidden = true) Caller caller) {
        return new EmailList(emails.list(caller, id).stream().map(EmailView::of).toList());
    }

    record EmailList(List<EmailView> data) {
    }
}
