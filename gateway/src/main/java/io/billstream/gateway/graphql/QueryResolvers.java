package io.billstream.gateway.graphql;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

import java.util.LinkedHashMap;
import java.util.Map;

import static io.billstream.gateway.graphql.ServiceCalls.query;
import static io.billstream.gateway.graphql.ServiceCalls.segment;

/** GraphQL queries: each one REST read through {@link ServiceCalls}; lists become Relay connections. */
@Controller
class QueryResolvers {

    private final ServiceCalls calls;

    QueryResolvers(ServiceCalls calls) {
        this.calls = calls;
    }

    @QueryMapping
    Map<String, Object> invoice(@Argument String id, @Argument String asOf,
                                @ContextValue(name = GraphQlCall.CONTEXT_KEY) GraphQlCall call) {
        return calls.get(call, "invoice", "/v1/invoices/" + segment(id) + query(params("asOf", asOf)));
    }

    @QueryMapping
    Map<String, Object> invoices(@Argument String status, @Argument String customerId, @Argument String number,
                                 @Argument String recurringInvoiceId, @Argument Integer first, @Argument String after,
                                 @ContextValue(name = GraphQlCall.CONTEXT_KEY) GraphQlCall call) {
        return Connections.page(first, after, (limit, cursor) -> calls.get(call, "invoice", "/v1/invoices"
                + query(params("status", status, "customerId", customerId, "number", number,
                "recurringInvoiceId", recurringInvoiceId, "limit", limit, "cursor", cursor))));
    }

    @QueryMapping
    Map<String, Object> customer(@Argument String id, @ContextValue(name = GraphQlCall.CONTEXT_KEY) GraphQlCall call) {
        return calls.get(call, "invoice", "/v1/customers/" + segment(id));
    }

    @QueryMapping
    Map<String, Object> customers(@Argument String email, @Argument Boolean includeArchived, @Argument Integer first,
                                  @Argument String after,
                                  @ContextValue(name = GraphQlCall.CONTEXT_KEY) GraphQlCall call) {
        return Connections.page(first, after, (limit, cursor) -> calls.get(call, "invoice", "/v1/customers"
                + query(params("email", email, "includeArchived", Boolean.TRUE.equals(includeArchived) ? true : null,
                "limit", limit, "cursor", cursor))));
    }

    @QueryMapping
    Map<String, Object> payment(@Argument String id, @ContextValue(name = GraphQlCall.CONTEXT_KEY) GraphQlCall call) {
        return calls.get(call, "payment", "/v1/payments/" + segment(id));
    }

    @QueryMapping
    Map<String, Object> payments(@Argument String invoiceId, @Argument Integer first, @Argument String after,
                                 @ContextValue(name = GraphQlCall.CONTEXT_KEY) GraphQlCall call) {
        return Connections.page(first, after, (limit, cursor) -> calls.get(call, "payment", "/v1/payments"
                + query(params("invoiceId", invoiceId, "limit", limit, "cursor", cursor))));
    }

    @QueryMapping
    Map<String, Object> creditNote(@Argument String id,
                                   @ContextValue(name = GraphQlCall.CONTEXT_KEY) GraphQlCall call) {
        return calls.get(call, "invoice", "/v1/credit-notes/" + segment(id));
    }

    @QueryMapping
    Map<String, Object> creditNotes(@Argument String invoiceId, @Argument String customerId, @Argument Integer first,
                                    @Argument String after,
                                    @ContextValue(name = GraphQlCall.CONTEXT_KEY) GraphQlCall call) {
        return Connections.page(first, after, (limit, cursor) -> calls.get(call, "invoice", "/v1/credit-notes"
                + query(params("invoiceId", invoiceId, "customerId", customerId, "limit", limit, "cursor", cursor))));
    }

    @QueryMapping
    Map<String, Object> recurringInvoice(@Argument String id,
                                         @ContextValue(name = GraphQlCall.CONTEXT_KEY) GraphQlCall call) {
        return calls.get(call, "invoice", "/v1/recurring-invoices/" + segment(id));
    }

    @QueryMapping
    Map<String, Object> recurringInvoices(@Argument String customerId, @Argument String status,
                                          @Argument Integer first, @Argument String after,
                                          @ContextValue(name = GraphQlCall.CONTEXT_KEY) GraphQlCall call) {
        return Connections.page(first, after, (limit, cursor) -> calls.get(call, "invoice", "/v1/recurring-invoices"
                + query(params("customerId", customerId, "status", status, "limit", limit, "cursor", cursor))));
    }

    @QueryMapping
    Map<String, Object> webhookEndpoint(@Argument String id,
                                        @ContextValue(name = GraphQlCall.CONTEXT_KEY) GraphQlCall call) {
        return calls.get(call, "webhook", "/v1/webhook-endpoints/" + segment(id));
    }

    @QueryMapping
    Map<String, Object> webhookEndpoints(@Argument Integer first, @Argument String after,
                                         @ContextValue(name = GraphQlCall.CONTEXT_KEY) GraphQlCall call) {
        return Connections.page(first, after, (limit, cursor) -> calls.get(call, "webhook", "/v1/webhook-endpoints"
                + query(params("limit", limit, "cursor", cursor))));
    }

    @QueryMapping
    Map<String, Object> notifications(@Argument Boolean unread, @Argument Integer first, @Argument String after,
                                      @ContextValue(name = GraphQlCall.CONTEXT_KEY) GraphQlCall call) {
        return Connections.page(first, after, (limit, cursor) -> calls.get(call, "webhook", "/v1/notifications"
                + query(params("unread", Boolean.TRUE.equals(unread) ? true : null, "limit", limit,
                "cursor", cursor))));
    }

    @QueryMapping
    Map<String, Object> settings(@ContextValue(name = GraphQlCall.CONTEXT_KEY) GraphQlCall call) {
        return calls.get(call, "invoice", "/v1/settings");
    }

    static Map<String, Object> params(Object... pairs) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], pairs[i + 1]);
        }
        return map;
    }
}
