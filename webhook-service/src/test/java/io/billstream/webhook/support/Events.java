package io.billstream.webhook.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.billstream.platform.events.EventIds;
import io.billstream.platform.events.Topics;
import io.billstream.platform.ids.Ids;
import io.billstream.testsupport.KafkaProbe;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Integration events as other services put them on Kafka (CloudEvents JSON, written by hand here). */
public final class Events {

    private final KafkaProbe probe;
    private final ObjectMapper mapper;

    public Events(KafkaProbe probe, ObjectMapper mapper) {
        this.probe = probe;
        this.mapper = mapper;
    }

    public record Sent(String id, String type, String subject, String json, ObjectNode data) {
    }

    public ObjectNode invoiceData(String invoiceId, String number, String status) {
        ObjectNode data = mapper.createObjectNode();
        data.put("id", invoiceId);
        data.put("number", number);
        data.put("status", status);
        data.put("customerId", Ids.newId("cus"));
        data.put("currency", "EUR");
        data.put("total", "1625.00");
        data.put("amountPaid", status.equals("paid") ? "1625.00" : "0.00");
        data.put("amountDue", status.equals("paid") ? "0.00" : "1625.00");
        data.put("version", 4);
        return data;
    }

    public Sent invoiceEvent(String tenant, String type) {
        String invoiceId = Ids.newId("inv");
        return build(tenant, type, invoiceId, invoiceData(invoiceId, "2026-" + (int) (Math.random() * 900 + 100),
                type.equals("invoice.paid") ? "paid" : "open"));
    }

    public Sent build(String tenant, String type, String subject, ObjectNode data) {
        ObjectNode event = mapper.createObjectNode();
        String id = EventIds.newEventId();
        event.put("specversion", "1.0");
        event.put("id", id);
        event.put("source", "billstream/test");
        event.put("type", type);
        event.put("subject", subject);
        event.put("time", Instant.now().truncatedTo(ChronoUnit.MILLIS).toString());
        event.put("tenantid", tenant);
        event.put("sequence", 4);
        event.put("datacontenttype", "application/json");
        event.set("data", data);
        return new Sent(id, type, subject, event.toString(), data);
    }

    public Sent send(Sent event) {
        probe.send(Topics.forType(event.type()), event.subject(), event.json());
        return event;
    }

    public Sent sendInvoiceEvent(String tenant, String type) {
        return send(invoiceEvent(tenant, type));
    }
}
