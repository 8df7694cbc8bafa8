package io.billstream.platform.errors;

/** One entry of a problem's {@code errors[]}: a JSON path like {@code lineItems[3].quantity} and why. */
public record FieldViolation(String field, String message) {
}
