package io.billstream.invoice.invoicing.web;

import io.billstream.platform.web.ETags;
import io.billstream.invoice.invoicing.api.InvoiceView;
import io.billstream.invoice.invoicing.domain.InvoiceErrors;
import io.billstream.invoice.invoicing.domain.InvoiceMetaData;
import io.billstream.invoice.invoicing.domain.InvoiceOutcome;
import io.billstream.invoice.invoicing.domain.InvoiceState;
import io.billstream.invoice.invoicing.persistence.InvoiceEventLog;
import io.billstream.platform.security.Caller;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

import java.time.Instant;

/**
 * Sends a command as the caller and answers with the invoice as that command left it (the handler's
 * {@link InvoiceOutcome}, returned only after the commit), or as the event store has it for reads.
 */
@Component
class InvoiceCommands {

    private final CommandGateway gateway;
    private final InvoiceEventLog log;

    InvoiceCommands(CommandGateway gateway, InvoiceEventLog log) {
        this.gateway = gateway;
        this.log = log;
    }

    void send(Caller caller, Object command) {
        gateway.sendAndWait(command, InvoiceMetaData.of(caller.tenant(), caller.actor()));
    }

    /** For the commands whose handler returns the invoice (creation, draft edits, issue, void, uncollectible). */
    InvoiceOutcome sendForOutcome(Caller caller, Object command) {
        return gateway.sendAndWait(command, InvoiceMetaData.of(caller.tenant(), caller.actor()));
    }

    ResponseEntity<InvoiceView> sendAndRespond(Caller caller, Object command) {
        return respond(HttpStatus.OK, sendForOutcome(caller, command));
    }

    InvoiceState current(Caller caller, String invoiceId) {
        return visible(caller, log.current(invoiceId).orElse(null));
    }

    InvoiceState asOf(Caller caller, String invoiceId, Instant instant) {
        return visible(caller, log.asOf(invoiceId, instant).orElse(null));
    }

    static ResponseEntity<InvoiceView> respond(HttpStatus status, InvoiceState state) {
        return respond(status, InvoiceOutcome.of(state));
    }

    static ResponseEntity<InvoiceView> respond(HttpStatus status, InvoiceOutcome outcome) {
        return ResponseEntity.status(status).header(HttpHeaders.ETAG, ETags.of(outcome.version()))
                .body(InvoiceView.from(outcome.invoice()));
    }

    private static InvoiceState visible(Caller caller, InvoiceState state) {
        if (state == null || state.deleted() || !caller.tenant().equals(state.tenantId())) {
            throw InvoiceErrors.notFound();
        }
        return state;
    }
}
