package io.billstream.gateway.graphql;

import io.micrometer.context.ContextSnapshot;
import io.micrometer.context.ContextSnapshotFactory;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import reactor.core.publisher.Mono;

import static io.billstream.gateway.graphql.QueryResolvers.params;
import static io.billstream.gateway.graphql.ServiceCalls.query;
import static io.billstream.gateway.graphql.ServiceCalls.segment;

/**
 * The links between types. {@code Invoice.customer}, {@code RecurringInvoice.customer} and {@code Invoice.payments}
 * are batched (one DataLoader dispatch per level of the query): a page of up to 100 invoices costs one
 * {@code GET /v1/customers?ids=…} and one {@code GET /v1/payments?invoiceIds=…}, whatever its size. History and a
 * customer's invoices have no batch endpoint: one call per parent, which the complexity limit prices in.
 * The links of one level run concurrently (each on a virtual thread, with the caller's trace context), so an
 * invoice with its customer, payments and history costs two round trips, not four.
 */
@Controller
class LinkResolvers {

    private static final int BATCH = 100;

    private final ServiceCalls calls;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final ContextSnapshotFactory snapshots = ContextSnapshotFactory.builder().build();

    LinkResolvers(ServiceCalls calls) {
        this.calls = calls;
    }

    /** Runs a service call off the request thread, with the request's thread-local context (trace, logging). */
    private <T> CompletableFuture<T> async(Supplier<T> work) {
        ContextSnapshot snapshot = snapshots.captureAll();
        return CompletableFuture.supplyAsync(() -> {
            try (ContextSnapshot.Scope scope = snapshot.setThreadLocals()) {
                return work.get();
            }
        }, executor);
    }

    private static <K, V> Map<K, V> byPosition(List<K> sources, List<V> values) {
        Map<K, V> map = new java.util.IdentityHashMap<>();
        for (int i = 0; i < sources.size(); i++) {
            map.put(sources.get(i), values.get(i));
        }
        return map;
    }

    @BatchMapping(typeName = "Invoice", field = "customer")
    Mono<Map<Map<String, Object>, Map<String, Object>>> invoiceCustomers(List<Map<String, Object>> invoices,
            @ContextValue(name = GraphQlCall.CONTEXT_KEY) GraphQlCall call) {
        return Mono.fromFuture(async(() -> byPosition(invoices, customersOf(invoices, call))));
    }

    @BatchMapping(typeName = "RecurringInvoice", field = "customer")
    Mono<Map<Map<String, Object>, Map<String, Object>>> scheduleCustomers(List<Map<String, Object>> schedules,
            @ContextValue(name = GraphQlCall.CONTEXT_KEY) GraphQlCall call) {
        return Mono.fromFuture(async(() -> byPosition(schedules, customersOf(schedules, call))));
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

    @BatchMapping(typeName = "Invoice", field = "payments")
    Mono<Map<Map<String, Object>, List<Map<String, Object>>>> invoicePayments(List<Map<String, Object>> invoices,
            @ContextValue(name = GraphQlCall.CONTEXT_KEY) GraphQlCall call) {
        return Mono.fromFuture(async(() -> byPosition(invoices, paymentsOf(invoices, call))));
    }

    @SuppressWarnings("unchecked")
    private List<List<Map<String, Object>>> paymentsOf(List<Map<String, Object>> invoices, GraphQlCall call) {
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
    CompletableFuture<List<Object>> history(Map<String, Object> invoice,
                                            @ContextValue(name = GraphQlCall.CONTEXT_KEY) GraphQlCall call) {
        String path = "/v1/invoices/" + segment((String) invoice.get("id")) + "/history";
        return async(() -> (List<Object>) calls.get(call, "invoice", path).getOrDefault("data", List.of()));
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
    CompletableFuture<Map<String, Object>> customerInvoices(Map<String, Object> customer, @Argument Integer first,
                                                            @Argument String after,
                                                            @ContextValue(name = GraphQlCall.CONTEXT_KEY)
                                                            GraphQlCall call) {
        String id = segment((String) Objects.requireNonNull(customer.get("id")));
        return async(() -> Connections.page(first, after, (limit, cursor) -> calls.get(call, "invoice",
                "/v1/customers/" + id + "/invoices" + query(params("limit", limit, "cursor", cursor)))));
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
