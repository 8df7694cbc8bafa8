package io.billstream.invoice.customers.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.billstream.invoice.customers.domain.CustomerDetails;
import io.billstream.platform.errors.DomainException;
import io.billstream.platform.errors.ErrorCode;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.stereotype.Component;

import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * PATCH /v1/customers/{id} as a JSON merge patch (RFC 7396): provided fields replace, {@code null} removes an
 * optional field (or a metadata key), nested objects merge. The merged document is then read and validated
 * exactly like a POST body, so the same unknown-field, type and validation answers apply.
 */
@Component
class CustomerPatch {

    private final ObjectMapper mapper;
    private final Validator validator;

    CustomerPatch(ObjectMapper mapper, Validator validator) {
        this.mapper = mapper;
        this.validator = validator;
    }

    CustomerDetails apply(CustomerDetails current, JsonNode patch, HttpInputMessage request) {
        if (!(patch instanceof ObjectNode)) {
            throw DomainException.of(ErrorCode.MALFORMED_REQUEST, "A PATCH body must be a JSON object.");
        }
        ObjectNode document = mapper.valueToTree(CustomerRequest.from(current));
        merge(document, patch);
        CustomerRequest merged;
        try {
            merged = mapper.treeToValue(document, CustomerRequest.class);
        } catch (JsonProcessingException e) {
            // The platform advice maps Jackson's failures (unknown field, wrong type) exactly as for a POST body.
            throw new HttpMessageNotReadableException(e.getOriginalMessage(), e, request);
        }
        Set<ConstraintViolation<CustomerRequest>> violations = validator.validate(merged);
        if (!violations.isEmpty()) {
            throw new ConstraintViolationException(violations);
        }
        return merged.toDetails();
    }

    private static JsonNode merge(JsonNode target, JsonNode patch) {
        if (!patch.isObject()) {
            return patch;
        }
        ObjectNode result = target instanceof ObjectNode object ? object : JsonNodeFactory.instance.objectNode();
        Iterator<Map.Entry<String, JsonNode>> fields = patch.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (field.getValue().isNull()) {
                result.remove(field.getKey());
            } else {
                JsonNode existing = result.get(field.getKey());
                result.set(field.getKey(), merge(existing == null ? JsonNodeFactory.instance.objectNode() : existing,
                        field.getValue()));
            }
        }
        return result;
    }
}
