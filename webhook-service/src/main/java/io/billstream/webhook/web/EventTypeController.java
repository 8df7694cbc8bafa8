package io.billstream.webhook.web;

import io.billstream.platform.events.EventTypes;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.Map;

@RestController
public class EventTypeController {

    private static final Map<String, String> DESCRIPTIONS = Map.ofEntries(
            Map.entry(EventTypes.CUSTOMER_CREATED, "A customer was created."),
            Map.entry(EventTypes.CUSTOMER_UPDATED, "A customer was changed or archived."),
            Map.entry(EventTypes.INVOICE_CREATED, "A draft invoice was created."),
            Map.entry(EventTypes.INVOICE_UPDATED, "An invoice changed (draft edits, or a refund reopened it)."),
            Map.entry(EventTypes.INVOICE_ISSUED, "An invoice was issued and got its number."),
            Map.entry(EventTypes.INVOICE_PAYMENT_APPLIED, "A payment was applied to an invoice."),
            Map.entry(EventTypes.INVOICE_PAID, "An invoice was paid in full."),
            Map.entry(EventTypes.INVOICE_OVERDUE, "An invoice passed its due date with an amount due."),
            Map.entry(EventTypes.INVOICE_LATE_FEE_ASSESSED, "A late fee was added to an overdue invoice."),
            Map.entry(EventTypes.INVOICE_VOIDED, "An invoice was voided."),
            Map.entry(EventTypes.INVOICE_MARKED_UNCOLLECTIBLE, "An invoice was marked uncollectible."),
            Map.entry(EventTypes.PAYMENT_RECORDED, "A payment was recorded."),
            Map.entry(EventTypes.PAYMENT_REFUNDED, "A payment was refunded in part or in full."),
            Map.entry(EventTypes.PAYMENT_REFUND_FAILED, "A credit note's refund could not be made in full."),
            Map.entry(EventTypes.CREDIT_NOTE_ISSUED, "A credit note was issued against an invoice."),
            Map.entry(EventTypes.DOCUMENT_GENERATED, "An invoice PDF was rendered."),
            Map.entry(EventTypes.WEBHOOK_TEST, "A test message sent on request to one endpoint."),
            Map.entry(EventTypes.INVOICE_SENT, "An email about an invoice (the invoice, a reminder or a receipt) "
                    + "was accepted by the mail server."),
            Map.entry(EventTypes.EMAIL_FAILED, "An email about an invoice failed for good (refused, or retries ran out)."),
            Map.entry(EventTypes.RECURRING_INVOICE_CREATED, "A recurring invoice schedule was created."),
            Map.entry(EventTypes.RECURRING_INVOICE_UPDATED, "A recurring invoice schedule was changed or ran."),
            Map.entry(EventTypes.RECURRING_INVOICE_PAUSED, "A recurring invoice schedule was paused."),
            Map.entry(EventTypes.RECURRING_INVOICE_RESUMED, "A recurring invoice schedule was resumed."),
            Map.entry(EventTypes.RECURRING_INVOICE_CANCELLED, "A recurring invoice schedule was cancelled."),
            Map.entry(EventTypes.RECURRING_INVOICE_COMPLETED, "A recurring invoice schedule made its last run."));

    @GetMapping("/v1/webhook-event-types")
    ItemsView<EventTypeView> catalog() {
        return new ItemsView<>(EventTypes.CATALOG.stream()
                .map(type -> new EventTypeView(type, DESCRIPTIONS.getOrDefault(type, type)))
                .toList());
    }
}
