package io.billstream.gateway.graphql;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import static io.billstream.gateway.graphql.QueryResolvers.params;
import static io.billstream.gateway.graphql.ServiceCalls.query;
import static io.billstream.gateway.graphql.ServiceCalls.segment;

/**
 * The links between types. {@code Invoice.customer}, {@code RecurringInvoice.customer} and {@code Invoice.payments}
 * are batched (one DataLoader dispatch per level of the query): a page of up to 100 invoices costs one
 * {@code GET /v1/customers?ids=…} and one {@code GET /v1/payments?invoiceIds=…}, whatever its size. History and a
 * customer's invoices have no batch endpoint: one call per parent, which the complexity limit prices in.
 */
@Controller
class LinkResolvers {

    private static final int BATCH = 100;

    private final ServiceCalls calls;

    LinkResolvers(ServiceCalls calls) {
        this.calls = calls;
    }

    @BatchMapping(typeName = "Invoice", field = "customer")
    List<Map<String, Object>> invoiceCustomers(List<Map<String, Object>> invoices,
                                               @ContextValue(name = GraphQlCall.CONTEXT_KEY) GraphQlCall call) {
        return customersOf(invoices, call);
    }

    @BatchMapping(typeName = "RecurringInvoice", field = "customer")
    List<Map<String, Object>> scheduleCustomers(List<Map<String, Object>> schedules,
                                                @ContextValue(name = GraphQlCall.CONTEXT_KEY) GraphQlCall call) {
        return customersOf(schedules, call);
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> customersOf(List<Map<String, Object>> parents, GraphQlCall call) {
        Set<String> ids = new LinkedHashSet<>();
        parents.forEach(p -> ids.add((String) p.get("customerId")));
        ids.remove(null);
        Map<String, Map<String, Object>> byId = new HashMap<>();
        for (List<String> chunk : chunks(ids)) {
            Map<String, Object> page = calls.get(call, "invoice", "/v1/customers"
                    + query(params("ids", String.join(",", chunk))));
            for (Object row : (List<Object>) page.getOrDefault("data", List.of())) {
                Map<String, Object> customer = (Map<String, Object>) row;
                byId.put((String) customer.get("id"), customer);
            }
        }
        List<Map<String, Object>> result = new ArrayList<>(parents.size());
        parents.forEach(p -> result.add(byId.get((String) p.get("customerId"))));
        return result;
    }

    @SuppressWarnings("unchecked")
    @BatchMapping(typeName = "Invoice", field = "payments")
    List<List<Map<String, Object>>> invoicePayments(List<Map<String, Object>> invoices,
                                                    @ContextValue(name = GraphQlCall.CONTEXT_KEY) GraphQlCall call) {
        // drafts cannot have payments: asking for them would only cost a call
        Set<String> ids = new LinkedHashSet<>();
        invoices.stream().filter(i -> !"draft".equals(i.get("status")))
                .forEach(i -> ids.add((String) i.get("id")));
        Map<String, List<Map<String, Object>>> byInvoice = new HashMap<>();
        for (List<String> chunk : chunks(ids)) {
            Map<String, Object> page = calls.get(call, "payment", "/v1/payments"
                    + query(params("invoiceIds", String.join(",", chunk))));
            for (Object row : (List<Object>) page.getOrDefault("data", List.of())) {
                Map<String, Object> payment = (Map<String, Object>) row;
                byInvoice.computeIfAbsent((String) payment.get("invoiceId"), k -> new ArrayList<>()).add(payment);
            }
        }
        List<List<Map<String, Object>>> result = new ArrayList<>(invoices.size());
        invoices.forEach(i -> result.add(byInvoice.getOrDefault((String) i.get("id"), List.of())));
        return result;
    }

    @SuppressWarnings("unchecked")
    @SchemaMapping(typeName = "Invoice", field = "history")
    List<Object> history(Map<String, Object> invoice, @ContextValue(name = GraphQlCall.CONTEXT_KEY) GraphQlCall call) {
        Map<String, Object> body = calls.get(call, "invoice",
                "/v1/invoices/" + segment((String) invoice.get("id")) + "/history");
        return (List<Object>) body.getOrDefault("data", List.of());
    }

    @SchemaMapping(typeName = "Invoice", field = "billTo")
    Object billTo(Map<String, Object> invoice) {
        return invoice.get("customer");
    }

    @SchemaMapping(typeName = "Invoice", field = "pdfUrl")
    String pdfUrl(Map<String, Object> invoice) {
        return "draft".equals(invoice.get("status")) ? null
                : "/v1/invoices/" + segment((String) invoice.get("id")) + "/pdf";
    }

    @SchemaMapping(typeName = "Customer", field = "invoices")
    Map<String, Object> customerInvoices(Map<String, Object> customer, @Argument Integer first, @Argument String after,
                                         @ContextValue(name = GraphQlCall.CONTEXT_KEY) GraphQlCall call) {
        String id = segment((String) Objects.requireNonNull(customer.get("id")));
        return Connections.page(first, after, (limit, cursor) -> calls.get(call, "invoice",
                "/v1/customers/" + id + "/invoices" + query(params("limit", limit, "cursor", cursor))));
    }

    private static List<List<String>> chunks(Set<String> ids) {
        List<String> all = new ArrayList<>(ids);
        List<List<String>> chunks = new ArrayList<>();
        for (int i = 0; i < all.size(); i += BATCH) {
            chunks.add(all.subList(i, Math.min(all.size(), i + BATCH)));
        }
        return chunks;
    }
}
