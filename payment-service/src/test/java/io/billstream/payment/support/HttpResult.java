package io.billstream.payment.support;

import com.fasterxml.jackson.databind.JsonNode;

import java.net.http.HttpHeaders;

/** A response as a test sees it: status, headers, JSON body (a MissingNode when empty). */
public record HttpResult(int status, HttpHeaders headers, JsonNode body) {

    public String code() {
        return body.path("code").asText(null);
    }

    public String text(String field) {
        return body.path(field).asText(null);
    }

    public String contentType() {
        return headers.firstValue("Content-Type").orElse("");
    }

    @Override
    public String toString() {
        return status + " " + body;
    }
}
