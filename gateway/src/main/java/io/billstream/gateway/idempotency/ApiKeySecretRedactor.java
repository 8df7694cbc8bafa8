package io.billstream.gateway.idempotency;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.billstream.platform.idempotency.StoredResponseRedactor;
import jakarta.servlet.http.HttpServletRequest;

import java.io.IOException;

/**
 * The one secret a kept answer could hold: a new API key is shown once, never replayed — the kept copy (in the
 * gateway's record and in the platform's same-transaction record) has {@code "key": null}.
 */
public class ApiKeySecretRedactor implements StoredResponseRedactor {

    private static final String API_KEYS_PATH = "/v1/api-keys";

    private final ObjectMapper mapper;

    public ApiKeySecretRedactor(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    @Override
    public byte[] redact(HttpServletRequest request, byte[] body) {
        if (!API_KEYS_PATH.equals(request.getRequestURI()) || body.length == 0) {
            return body;
        }
        try {
            if (mapper.readTree(body) instanceof ObjectNode node && node.has("key")) {
                node.putNull("key");
                return mapper.writeValueAsBytes(node);
            }
        } catch (IOException e) {
            // not JSON: nothing secret to redact
        }
        return body;
    }
}
