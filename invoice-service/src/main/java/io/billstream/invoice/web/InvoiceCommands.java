package io.billstream.invoice.web;

import io.billstream.invoice.api.InvoiceResponse;
import io.billstream.invoice.config.AppliedEvents;
import io.billstream.invoice.domain.InvoiceErrors;
import io.billstream.invoice.domain.InvoiceMetaData;
import io.billstream.invoice.domain.InvoiceState;
import io.billstream.invoice.persistence.InvoiceEventLog;
import io.billstream.platform.security.Caller;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.time.Instant;
import java.util.Map;

/** Sends a command as the caller and answers with the invoice as the event store now has it (read-your-writes). */
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

    ResponseEntity<InvoiceResponse> sendAndRespond(Caller caller, String invoiceId, Object command) {
        return respond(HttpStatus.OK, sendAndRead(caller, invoiceId, command));
    }

    /** Sends the command and answers with the invoice as it left it, from the events it applied. */
    InvoiceState sendAndRead(Caller caller, String invoiceId, Object command) {
        Object result = gateway.sendAndWait(command, InvoiceMetaData.of(caller.tenant(), caller.actor())
                .and(AppliedEvents.WANTED, true));
        if (!(result instanceof AppliedEvents.Outcome outcome)) {
            return current(caller, invoiceId);
        }
        // inside a request's transaction (an Idempotency-Key's) the events are not committed yet
        boolean committed = !TransactionSynchronizationManager.isActualTransactionActive();
        return visible(caller, log.afterCommand(invoiceId, outcome.events(), committed).orElse(null));
    }

    InvoiceState current(Caller caller, String invoiceId) {
        return visible(caller, log.current(invoiceId).orElse(null));
    }

    InvoiceState asOf(Caller caller, String invoiceId, Instant instant) {
        return visible(caller, log.asOf(invoiceId, instant).orElse(null));
    }

    static ResponseEntity<InvoiceResponse> respond(HttpStatus status, InvoiceState state) {
        return ResponseEntity.status(status).header(HttpHeaders.ETAG, etag(state.version()))
                .body(InvoiceResponse.from(state.toData(Map.of())));
    }

    static String etag(long version) {
        return "\"" + version + "\"";
    }

    /** {@code If-Match}: absent or {@code *} matches anything; an unreadable tag can match nothing. */
    static Long expectedVersion(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.trim().equals("*")) {
            return null;
        }
        String tag = ifMatch.split(",")[0].trim();
        if (tag.startsWith("W/")) {
            tag = tag.substring(2);
        }
        tag = tag.replace("\"", "");
        try {
            return Long.parseLong(tag);
        } catch (NumberFormatException e) {
            return -1L;
        }
    }

    private static InvoiceState visible(Caller caller, InvoiceState state) {
        if (state == null || state.deleted() || !caller.tenant().equals(state.tenantId())) {
            throw InvoiceErrors.notFound();
        }
        return state;
    }
}
