package io.billstream.invoice.deadletter;

import io.billstream.invoice.api.InvoiceCreated;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Test only: a handler in the production {@code invoice-view} processing group that fails for invoices whose notes
 * name a poisoned marker, until the test "fixes the cause" by removing the marker.
 */
@ProcessingGroup("invoice-view")
public class PoisonedViewHandler {

    public final Set<String> poisonedNotes = ConcurrentHashMap.newKeySet();

    @EventHandler
    void on(InvoiceCreated event) {
        String notes = event.draft().notes();
        if (notes != null && poisonedNotes.contains(notes)) {
            throw new IllegalStateException("poisoned on purpose: " + notes);
        }
    }
}
