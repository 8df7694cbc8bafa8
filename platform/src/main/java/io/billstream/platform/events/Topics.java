package io.billstream.platform.events;

import java.util.List;

/** Kafka topic names of docs/api-reference.md §9. Record key: the invoice id (the customer id for customer events). */
public final class Topics {

    public static final String CUSTOMER = "billstream.customer.v1";
    public static final String INVOICE = "billstream.invoice.v1";
    public static final String PAYMENT = "billstream.payment.v1";
    public static final String DOCUMENT = "billstream.document.v1";
    public static final List<String> ALL = List.of(CUSTOMER, INVOICE, PAYMENT, DOCUMENT);
    public static final String DEAD_LETTER_SUFFIX = ".dlt";

    private Topics() {
    }

    public static String deadLetter(String topic) {
        return topic + DEAD_LETTER_SUFFIX;
    }

    public static String forType(String eventType) {
        if (EventTypes.INVOICE_SENT.equals(eventType)) {
            // Emails are sent by document-service, which publishes only on its own topic; the invoice topic stays
            // invoice-service's (its consumers read every record there as an invoice snapshot).
            return DOCUMENT;
        }
        String family = eventType.substring(0, eventType.indexOf('.'));
        return switch (family) {
            case "customer" -> CUSTOMER;
            // Recurring schedules live in invoice-service and travel with its invoices (docs/api-reference.md §11); a credit note
            // belongs to its invoice's stream (key = invoice id), so it stays in order with it (docs/api-reference.md §13).
            case "invoice", "recurring_invoice", "credit_note" -> INVOICE;
            case "payment" -> PAYMENT;
            case "document", "email" -> DOCUMENT;
            default -> throw new IllegalArgumentException("no topic for event type " + eventType);
        };
    }
}
