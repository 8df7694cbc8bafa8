package io.billstream.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import io.billstream.testsupport.RawHttp;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 15 at the public edge: control characters in the gateway's own bodies and in proxied ones answer 422 naming
 * the field, nothing is stored or forwarded; Tomcat's and routing rejections answer problem+json, never HTML.
 */
class HostileInputGatewayTest extends GatewayIntegrationTest {

    private static JsonNode invalidField(HttpResponse<String> response, String field) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(422);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode body = json(response);
        assertThat(body.path("code").asText()).isEqualTo("validation_failed");
        assertThat(body.path("errors").findValuesAsText("field")).containsExactly(field);
        return body;
    }

    private static void problem(RawHttp.Response response, int status, String code) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.contentType()).as(response.body()).startsWith("application/problem+json");
        assertThat(response.body()).doesNotContain("<html").doesNotContain("Tomcat");
        assertThat(json(response.body()).path("code").asText()).isEqualTo(code);
    }

    private static JsonNode json(String body) {
        try {
            return JSON.readTree(body);
        } catch (java.io.IOException e) {
            throw new AssertionError("not JSON: " + body, e);
        }
    }

    @Test
    void apiKeyAndSignupWithNulAreRefusedAndNothingIsStored() {
        Account admin = signUp();
        invalidField(post("/v1/api-keys", admin.token(), "{\"name\": \"a\\u0000b\", \"scope\": \"full\"}"), "name");
        assertThat(jdbc.queryForObject("select count(*) from api_key where tenant_id = ?", Long.class,
                admin.tenantId())).isZero();
        String username = unique("u");
        invalidField(post("/v1/signup", null, """
                {"organizationName": "Org\\u0001", "username": "%s", "email": "%s@example.com",
                 "password": "correct horse battery"}""".formatted(username, username)), "organizationName");
        assertThat(jdbc.queryForObject("select count(*) from app_user where username = ?", Long.class, username))
                .isZero();
    }

    @Test
    void proxiedBodiesQueriesAndPathsWithControlCharactersNeverReachTheService() {
        Account admin = signUp();
        int seenBefore = StandIns.invoiceA.seen.size() + StandIns.invoiceB.seen.size();
        invalidField(post("/v1/customers", admin.token(), "{\"name\": \"a\\u0000b\"}"), "name");
        invalidField(send("PATCH", "/v1/customers/cus_1", admin.token(), "{\"email\": \"x\\u0000@example.com\"}"),
                "email");
        invalidField(send("PUT", "/v1/settings", admin.token(), "{\"seller\": {\"name\": \"S\\u0000\"}}"),
                "seller.name");
        invalidField(post("/v1/invoices", admin.token(), """
                {"customerId": "cus_\\u0000", "notes": "n", "lineItems": [{"description": "d\\u0000"}]}"""),
                "customerId");
        invalidField(get("/v1/invoices?customerId=cus_%00", admin.token()), "customerId");
        assertThat(StandIns.invoiceA.seen.size() + StandIns.invoiceB.seen.size()).isEqualTo(seenBefore);
    }

    @Test
    void everyRejectionIsProblemJson() {
        problem(RawHttp.send(port, "GET /v1/invoices/..%2F..%2Fetc%2Fpasswd HTTP/1.1\r\n", null), 400,
                "malformed_request");
        problem(RawHttp.send(port, "GET /v1/invoices?status=<script> HTTP/1.1\r\n", null), 400, "malformed_request");
        problem(RawHttp.send(port, "GET /v1/invoices/%ff%fe HTTP/1.1\r\n", null), 400, "malformed_request");
        problem(RawHttp.send(port, "GET /v1/invoices?invoiceId[]=1 HTTP/1.1\r\n", null), 400, "malformed_request");
        problem(RawHttp.send(port, "GET /v1/invoices HTTP/1.1\r\nBroken header line\r\n", null), 400,
                "malformed_request");
        problem(RawHttp.send(port, "GET /no-such-path HTTP/1.1\r\nAccept: text/html\r\n", null), 404, "not_found");
        Account admin = signUp();
        String auth = "Authorization: Bearer " + admin.token() + "\r\n";
        problem(RawHttp.send(port, "GET /v1/no-such-resource HTTP/1.1\r\n" + auth, null), 404, "not_found");
        problem(RawHttp.send(port, "DELETE /v1/api-keys HTTP/1.1\r\n" + auth, null), 405, "method_not_allowed");
        problem(RawHttp.send(port, "GET /v1/api-keys HTTP/1.1\r\nAccept: text/html\r\n" + auth, null), 406,
                "not_acceptable");
    }
}
