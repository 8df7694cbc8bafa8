package io.billstream.document.documents.domain;

import io.billstream.platform.events.IntegrationEvent;
import io.billstream.platform.events.data.InvoiceData;

/**
 * Told of every invoice event {@link InvoiceDocuments} processes, inside the transaction that marks it processed,
 * so what it stores commits (or rolls back) with that mark. The email slice queues invoice emails and reminders
 * this way; documents does not know email.
 */
public interface InvoiceEventObserver {

    void onInvoiceEvent(IntegrationEvent event, InvoiceData invoice);
}
