package io.billstream.platform.web;

import org.slf4j.MDC;

import java.util.UUID;
import java.util.regex.Pattern;

/** docs/api-reference.md §2: keep the client's X-Request-Id when it is 1–128 chars of [A-Za-z0-9._-], else mint one. */
public final class RequestIds {

    public static final String HEADER = "X-Request-Id";
    public static final String KAFKA_HEADER = "x-request-id";
    public static final String MDC_KEY = "requestId";
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._-]{1,128}");

    private RequestIds() {
    }

    public static String acceptOrCreate(String candidate) {
        return candidate != null && VALID.matcher(candidate).matches() ? candidate : newRequestId();
    }

    public static String newRequestId() {
        return "req_" + UUID.randomUUID().toString().replace("-", "");
    }

    /** The request id of the work running on this thread, if any. */
    public static String current() {
        return MDC.get(MDC_KEY);
    }
}
