package io.billstream.webhook.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.billstream.platform.events.EventTypes;
import io.billstream.platform.errors.DomainException;
import io.billstream.platform.events.IntegrationEvent;
import io.billstream.platform.paging.Page;
import io.billstream.platform.paging.PageLimit;
import io.billstream.platform.paging.SequenceCursor;
import org.springframework.stereotype.Component;

import java.util.Set;

/**
 * The tenant's in-app feed (docs/webhook-service.md, "Notifications"): invoice paid, invoice overdue, payment refunded,
 * endpoint disabled, an email that failed for good ({@code email.failed}), and a credit note's refund that could not
 * be made. Reads only the few fields it shows from {@code data}, so a producer adding fields never breaks it.
 */
@Component
public class Notifications {

    public static final String ENDPOINT_DISABLED = "webhook_endpoint.disabled";

    /** The event types {@link #onEvent} turns into a notification. */
    private static final Set<String> NOTIFYING = Set.of(EventTypes.INVOICE_PAID, EventTypes.INVOICE_OVERDUE,
            EventTypes.PAYMENT_REFUNDED, EventTypes.PAYMENT_REFUND_FAILED, EventTypes.EMAIL_FAILED);

    private final NotificationStore repository;
    private final ObjectMapper mapper;

    public Notifications(NotificationStore repository, ObjectMapper mapper) {
        this.repository = repository;
        this.mapper = mapper;
    }

    /** Newest first; {@code unread} keeps only the unread ones. */
    public Page<Notification> list(String tenantId, boolean unread, int limit, String cursor) {
        PageLimit.check(limit);
        return Page.of(repository.list(tenantId, unread, SequenceCursor.decode(cursor), Page.fetchSize(limit)), limit,
                NotificationStore.Row::notification, row -> SequenceCursor.encode(row.seq()));
    }

    public Notification markRead(String tenantId, String id) {
        return repository.markRead(tenantId, id).orElseThrow(() -> DomainException.notFound("Notification"));
    }

    /** Whether an event of this type makes a notification: the others can be passed by without a transaction. */
    public boolean notifies(String eventType) {
        return NOTIFYING.contains(eventType);
    }

    public void onEvent(IntegrationEvent event) {
        if (!notifies(event.type())) {
            return;
        }
        JsonNode data = event.data() == null ? mapper.createObjectNode() : event.data();
        switch (event.type()) {
            case EventTypes.INVOICE_PAID -> repository.insert(event.tenantId(), event.type(),
                    "Invoice " + invoiceName(data) + " was paid" + amount(data, "total") + ".", invoiceData(event, data));
            case EventTypes.INVOICE_OVERDUE -> repository.insert(event.tenantId(), event.type(),
                    "Invoice " + invoiceName(data) + " is overdue" + amount(data, "amountDue") + " due.",
                    invoiceData(event, data));
            case EventTypes.PAYMENT_REFUNDED -> repository.insert(event.tenantId(), event.type(),
                    "A refund" + amount(data.path("refund"), "amount", data.path("currency").asText(""))
                            + " was made on payment " + data.path("id").asText(event.subject()) + ".",
                    refundData(event, data));
            case EventTypes.PAYMENT_REFUND_FAILED -> repository.insert(event.tenantId(), event.type(),
                    "Credit note " + data.path("creditNoteId").asText(event.subject()) + ": "
                            + data.path("unrefundedAmount").asText("") + " " + data.path("currency").asText("")
                            + " could not be refunded against the invoice's payments; pay it back by hand.",
                    refundFailureData(event, data));
            case EventTypes.EMAIL_FAILED -> repository.insert(event.tenantId(), event.type(),
                    "The " + data.path("kind").asText("invoice") + " email for invoice "
                            + data.path("invoiceNumber").asText(data.path("invoiceId").asText(event.subject()))
                            + " to " + String.join(", ", texts(data.path("to"))) + " could not be sent: "
                            + data.path("lastError").asText("unknown error") + ".",
                    emailData(event, data));
            default -> {
            }
        }
    }

    private ObjectNode refundFailureData(IntegrationEvent event, JsonNode data) {
        ObjectNode out = mapper.createObjectNode();
        out.put("eventId", event.id());
        copy(data, out, "creditNoteId", "invoiceId", "currency", "requestedAmount", "refundedAmount",
                "unrefundedAmount", "reason");
        return out;
    }

    private ObjectNode emailData(IntegrationEvent event, JsonNode data) {
        ObjectNode out = mapper.createObjectNode();
        out.put("eventId", event.id());
        copyAs(data, out, "id", "emailId");
        copy(data, out, "invoiceId", "invoiceNumber", "kind", "to", "lastError", "attempts");
        return out;
    }

    private static java.util.List<String> texts(JsonNode array) {
        java.util.List<String> out = new java.util.ArrayList<>();
        array.forEach(node -> out.add(node.asText()));
        return out;
    }

    /** The endpoint was disabled (410 Gone, or failing for too long). */
    public void endpointDisabled(String tenantId, String endpointId, String url, String reason) {
        ObjectNode data = mapper.createObjectNode();
        data.put("endpointId", endpointId);
        data.put("url", url);
        data.put("reason", reason);
        repository.insert(tenantId, ENDPOINT_DISABLED, "Webhook endpoint " + url + " was disabled: " + reason + ".",
                data);
    }

    private static String invoiceName(JsonNode data) {
        String number = data.path("number").asText("");
        return number.isEmpty() ? data.path("id").asText("") : number;
    }

    private static String amount(JsonNode data, String field) {
        return amount(data, field, data.path("currency").asText(""));
    }

    private static String amount(JsonNode data, String field, String currency) {
        String value = data.path(field).asText("");
        return value.isEmpty() ? "" : " (" + value + (currency.isEmpty() ? "" : " " + currency) + ")";
    }

    private ObjectNode invoiceData(IntegrationEvent event, JsonNode data) {
        ObjectNode out = mapper.createObjectNode();
        out.put("eventId", event.id());
        out.put("invoiceId", data.path("id").asText(event.subject()));
        copy(data, out, "number", "customerId", "currency", "total", "amountDue", "dueDate", "paidAt");
        return out;
    }

    private ObjectNode refundData(IntegrationEvent event, JsonNode data) {
        ObjectNode out = mapper.createObjectNode();
        out.put("eventId", event.id());
        out.put("paymentId", data.path("id").asText(event.subject()));
        copy(data, out, "invoiceId", "currency", "refundedAmount");
        JsonNode refund = data.path("refund");
        if (refund.isObject()) {
            copyAs(refund, out, "id", "refundId");
            copyAs(refund, out, "amount", "amount");
        }
        return out;
    }

    private static void copy(JsonNode from, ObjectNode to, String... fields) {
        for (String field : fields) {
            copyAs(from, to, field, field);
        }
    }

    private static void copyAs(JsonNode from, ObjectNode to, String field, String as) {
        JsonNode value = from.get(field);
        if (value != null && !value.isNull()) {
            to.set(as, value);
        }
    }
}
