package io.billstream.invoice.invoicing.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.billstream.invoice.invoicing.domain.InvoiceMetaData;
import io.billstream.invoice.invoicing.persistence.InvoiceEventLog;
import io.billstream.platform.security.Caller;
import org.axonframework.eventhandling.DomainEventMessage;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** {@code GET /v1/invoices/{id}/history}: every stored event, oldest first, straight from the event store. */
@RestController
class InvoiceHistoryController {

    private final InvoiceCommands commands;
    private final InvoiceEventLog log;
    private final ObjectMapper mapper;

    InvoiceHistoryController(InvoiceCommands commands, InvoiceEventLog log, ObjectMapper mapper) {
        this.commands = commands;
        this.log = log;
        this.mapper = mapper;
    }

    @GetMapping("/v1/invoices/{id}/history")
    InvoiceHistory history(Caller caller, @PathVariable String id) {
        commands.current(caller, id);
        List<HistoryEntry> entries = log.events(id).stream().map(this::entry).toList();
        return new InvoiceHistory(entries);
    }

    private HistoryEntry entry(DomainEventMessage<?> event) {
        return new HistoryEntry(event.getSequenceNumber() + 1, event.getPayloadType().getSimpleName(),
                event.getTimestamp(), InvoiceMetaData.actorOf(event.getMetaData()),
                mapper.valueToTree(event.getPayload()));
    }
}
