package io.billstream.gateway.graphql;

import java.util.List;
import java.util.Map;

/**
 * A service's problem answer (or the gateway's own refusal) on its way to a GraphQL error: the REST status, the stable
 * {@code code} (it becomes {@code extensions.code}), the detail and any {@code errors[]} of a validation failure.
 */
public class ServiceError extends RuntimeException {

    private final int status;
    private final String code;
    private final List<Map<String, Object>> errors;

    public ServiceError(int status, String code, String detail, List<Map<String, Object>> errors) {
        super(detail, null, false, false);
        this.status = status;
        this.code = code;
        this.errors = errors == null ? List.of() : errors;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public List<Map<String, Object>> errors() {
        return errors;
    }
}
