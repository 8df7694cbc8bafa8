package io.billstream.invoice.customers.web;

import java.util.function.LongPredicate;

/** {@code ETag}/{@code If-Match} for customers: the entity tag is the quoted version, e.g. {@code "3"}. */
final class CustomerIfMatch {

    private CustomerIfMatch() {
    }

    static String etag(long version) {
        return "\"" + version + "\"";
    }

    /** No header matches every version; otherwise one of the listed tags (or {@code *}) must match. */
    static LongPredicate of(String header) {
        if (header == null || header.isBlank()) {
            return version -> true;
        }
        return version -> {
            for (String tag : header.split(",")) {
                String t = tag.trim();
                if (t.equals("*") || t.equals(etag(version)) || t.equals("W/" + etag(version))
                        || t.equals(Long.toString(version))) {
                    return true;
                }
            }
            return false;
        };
    }
}
