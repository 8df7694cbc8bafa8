package io.billstream.gateway.graphql;

import graphql.analysis.FieldComplexityCalculator;
import graphql.analysis.FieldComplexityEnvironment;

/**
 * The price of a query, which bounds the service calls and the data one request can demand: every field costs 1
 * plus its selection; a list with {@code first} costs its selection {@code first} times; {@code Invoice.history}
 * and {@code Customer.invoices} cost an extra 10 because each parent takes a service call of its own (no batch
 * endpoint). With the default limit of 5000, a page of 100 invoices with customer, payments and history passes; a
 * page of 100 customers with 100 invoices each does not.
 */
class QueryComplexity implements FieldComplexityCalculator {

    static final int PER_PARENT_CALL = 10;

    @Override
    public int calculate(FieldComplexityEnvironment environment, int childComplexity) {
        String field = environment.getField().getName();
        int own = 1;
        if ("history".equals(field) || "invoices".equals(field)
                && "Customer".equals(environment.getParentType().getName())) {
            own += PER_PARENT_CALL;
        }
        Object first = environment.getArguments().get("first");
        if (first instanceof Integer n && n > 0) {
            return saturated((long) (own + childComplexity) * n);
        }
        return saturated((long) own + childComplexity);
    }

    private static int saturated(long value) {
        return (int) Math.min(Integer.MAX_VALUE, value);
    }
}
