package io.billstream.invoice.invoicing.domain;

import io.billstream.platform.events.data.InvoiceData;

import java.util.Map;

/**
 * The invoice as a command left it, returned by the aggregate's handler so the web adapter answers with it instead
 * of reading the stream back after every command. It is what the unit of work commits: the gateway returns it only
 * once the events are stored, and a failed commit throws instead.
 */
public record InvoiceOutcome(long version, InvoiceData invoice) {

    public static InvoiceOutcome of(InvoiceState state) {
        return new InvoiceOutcome(state.version(), state.toData(Map.of()));
    }
}
