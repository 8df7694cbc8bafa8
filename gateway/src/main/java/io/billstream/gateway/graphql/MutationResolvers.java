package io.billstream.gateway.graphql;

import graphql.schema.DataFetchingEnvironment;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Controller;

import java.util.Map;

import static io.billstream.gateway.graphql.QueryResolvers.params;
import static io.billstream.gateway.graphql.ServiceCalls.segment;

/**
 * GraphQL mutations: one REST write each (two for removeLineItem, whose REST answer is a 204), through
 * {@link ServiceCalls#write}, which refuses viewers and read-only keys with {@code forbidden} before any call. The
 * input objects carry exactly the fields the client gave (left out stays left out, so PATCH merge semantics hold).
 */
@Controller
class MutationResolvers {

    private final ServiceCalls calls;

    MutationResolvers(ServiceCalls calls) {
        this.calls = calls;
    }

    @MutationMapping
    Map<String, Object> createCustomer(@Argument Map<String, Object> input, DataFetchingEnvironment env) {
        return write(env, "invoice", HttpMethod.POST, "/v1/customers", input, null);
    }

    @MutationMapping
    Map<String, Object> updateCustomer(@Argument String id, @Argument Map<String, Object> input,
                                       @Argument Integer ifMatch, DataFetchingEnvironment env) {
        return write(env, "invoice", HttpMethod.PATCH, "/v1/customers/" + segment(id), input, ifMatch);
    }

    @MutationMapping
    Boolean archiveCustomer(@Argument String id, DataFetchingEnvironment env) {
        write(env, "invoice", HttpMethod.DELETE, "/v1/customers/" + segment(id), null, null);
        return true;
    }

    @MutationMapping
    Map<String, Object> createInvoice(@Argument Map<String, Object> input, DataFetchingEnvironment env) {
        return write(env, "invoice", HttpMethod.POST, "/v1/invoices", input, null);
    }

    @MutationMapping
    Map<String, Object> updateInvoice(@Argument String id, @Argument Map<String, Object> input,
                                      @Argument Integer ifMatch, DataFetchingEnvironment env) {
        return write(env, "invoice", HttpMethod.PATCH, "/v1/invoices/" + segment(id), input, ifMatch);
    }

    @MutationMapping
    Boolean deleteInvoice(@Argument String id, DataFetchingEnvironment env) {
        write(env, "invoice", HttpMethod.DELETE, "/v1/invoices/" + segment(id), null, null);
        return true;
    }

    @MutationMapping
    Map<String, Object> addLineItem(@Argument String invoiceId, @Argument Map<String, Object> input,
                                    DataFetchingEnvironment env) {
        return write(env, "invoice", HttpMethod.POST, "/v1/invoices/" + segment(invoiceId) + "/line-items", input,
                null);
    }

    @MutationMapping
    Map<String, Object> updateLineItem(@Argument String invoiceId, @Argument String lineItemId,
                                       @Argument Map<String, Object> input, @Argument Integer ifMatch,
                                       DataFetchingEnvironment env) {
        return write(env, "invoice", HttpMethod.PATCH, "/v1/invoices/" + segment(invoiceId) + "/line-items/"
                + segment(lineItemId), input, ifMatch);
    }

    @MutationMapping
    Map<String, Object> removeLineItem(@Argument String invoiceId, @Argument String lineItemId,
                                       DataFetchingEnvironment env) {
        write(env, "invoice", HttpMethod.DELETE, "/v1/invoices/" + segment(invoiceId) + "/line-items/"
                + segment(lineItemId), null, null);
        return calls.get(call(env), "invoice", "/v1/invoices/" + segment(invoiceId));
    }

    @MutationMapping
    Map<String, Object> issueInvoice(@Argument String id, @Argument String issueDate, DataFetchingEnvironment env) {
        return write(env, "invoice", HttpMethod.POST, "/v1/invoices/" + segment(id) + "/issue",
                issueDate == null ? Map.of() : Map.of("issueDate", issueDate), null);
    }

    @MutationMapping
    Map<String, Object> voidInvoice(@Argument String id, @Argument String reason, DataFetchingEnvironment env) {
        return write(env, "invoice", HttpMethod.POST, "/v1/invoices/" + segment(id) + "/void",
                reason == null ? Map.of() : Map.of("reason", reason), null);
    }

    @MutationMapping
    Map<String, Object> markInvoiceUncollectible(@Argument String id, DataFetchingEnvironment env) {
        return write(env, "invoice", HttpMethod.POST, "/v1/invoices/" + segment(id) + "/mark-uncollectible", null,
                null);
    }

    @MutationMapping
    Map<String, Object> sendInvoice(@Argument String id, @Argument Map<String, Object> input,
                                    DataFetchingEnvironment env) {
        // mail is document-service's (it holds the PDF), as the REST route says
        return write(env, "document", HttpMethod.POST, "/v1/invoices/" + segment(id) + "/send",
                input == null ? Map.of() : input, null);
    }

    @MutationMapping
    Map<String, Object> recordPayment(@Argument Map<String, Object> input, DataFetchingEnvironment env) {
        return write(env, "payment", HttpMethod.POST, "/v1/payments", input, null);
    }

    @MutationMapping
    Map<String, Object> refundPayment(@Argument String paymentId, @Argument String amount, @Argument String reason,
                                      DataFetchingEnvironment env) {
        Map<String, Object> body = params("amount", amount);
        if (reason != null) {
            body.put("reason", reason);
        }
        return write(env, "payment", HttpMethod.POST, "/v1/payments/" + segment(paymentId) + "/refunds", body, null);
    }

    @MutationMapping
    Map<String, Object> createCreditNote(@Argument String invoiceId, @Argument Map<String, Object> input,
                                         DataFetchingEnvironment env) {
        return write(env, "invoice", HttpMethod.POST, "/v1/invoices/" + segment(invoiceId) + "/credit-notes", input,
                null);
    }

    @MutationMapping
    Map<String, Object> createRecurringInvoice(@Argument Map<String, Object> input, DataFetchingEnvironment env) {
        return write(env, "invoice", HttpMethod.POST, "/v1/recurring-invoices", input, null);
    }

    @MutationMapping
    Map<String, Object> updateRecurringInvoice(@Argument String id, @Argument Map<String, Object> input,
                                               DataFetchingEnvironment env) {
        return write(env, "invoice", HttpMethod.PATCH, "/v1/recurring-invoices/" + segment(id), input, null);
    }

    @MutationMapping
    Map<String, Object> pauseRecurringInvoice(@Argument String id, DataFetchingEnvironment env) {
        return write(env, "invoice", HttpMethod.POST, "/v1/recurring-invoices/" + segment(id) + "/pause", null, null);
    }

    @MutationMapping
    Map<String, Object> resumeRecurringInvoice(@Argument String id, DataFetchingEnvironment env) {
        return write(env, "invoice", HttpMethod.POST, "/v1/recurring-invoices/" + segment(id) + "/resume", null,
                null);
    }

    @MutationMapping
    Map<String, Object> cancelRecurringInvoice(@Argument String id, DataFetchingEnvironment env) {
        return write(env, "invoice", HttpMethod.POST, "/v1/recurring-invoices/" + segment(id) + "/cancel", null,
                null);
    }

    @MutationMapping
    Map<String, Object> createWebhookEndpoint(@Argument Map<String, Object> input, DataFetchingEnvironment env) {
        return write(env, "webhook", HttpMethod.POST, "/v1/webhook-endpoints", input, null);
    }

    @MutationMapping
    Map<String, Object> updateWebhookEndpoint(@Argument String id, @Argument Map<String, Object> input,
                                              DataFetchingEnvironment env) {
        return write(env, "webhook", HttpMethod.PATCH, "/v1/webhook-endpoints/" + segment(id), input, null);
    }

    @MutationMapping
    Boolean deleteWebhookEndpoint(@Argument String id, DataFetchingEnvironment env) {
        write(env, "webhook", HttpMethod.DELETE, "/v1/webhook-endpoints/" + segment(id), null, null);
        return true;
    }

    @MutationMapping
    Map<String, Object> updateSettings(@Argument Map<String, Object> input, DataFetchingEnvironment env) {
        return write(env, "invoice", HttpMethod.PUT, "/v1/settings", input, null);
    }

    @MutationMapping
    Map<String, Object> markNotificationRead(@Argument String id, DataFetchingEnvironment env) {
        return write(env, "webhook", HttpMethod.POST, "/v1/notifications/" + segment(id) + "/read", null, null);
    }

    private Map<String, Object> write(DataFetchingEnvironment env, String route, HttpMethod method, String path,
                                      Object body, Integer ifMatch) {
        return calls.write(call(env), env.getExecutionStepInfo().getPath().toString(), route, method, path, body,
                ifMatch).orElse(null);
    }

    private static GraphQlCall call(DataFetchingEnvironment env) {
        return env.getGraphQlContext().get(GraphQlCall.CONTEXT_KEY);
    }
}
