package io.billstream.platform.testapp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.billstream.platform.security.Actor;
import io.billstream.platform.security.ActorType;
import io.billstream.platform.security.Caller;
import io.billstream.platform.security.InternalTokenService;
import io.billstream.platform.security.TenantId;
import io.billstream.testsupport.RawHttp;
import io.billstream.testsupport.RawHttp.Response;
import io.billstream.testsupport.ServiceIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 15: control characters in any text a client sends answer 422 naming the field, and every rejection by any
 * layer (Tomcat's included) answers problem+json, never Tomcat's HTML page. Requests go over a raw socket because
 * Java's HTTP client refuses to send most of them.
 */
@ServiceIntegrationTest
class HostileInputTest {

    @Value("${local.server.port}")
    int port;
    @Autowired
    InternalTokenService tokens;
    @Autowired
    ObjectMapper mapper;

    private String token() {
        return tokens.mint(new Caller(new TenantId("ten_a"), new Actor(ActorType.USER, "usr_1"), "Acme", true));
    }

    private Response raw(String head, String body) {
        return RawHttp.send(port, head, body);
    }

    private Response get(String target, String extraHeaders) throws IOException {
        return raw("GET " + target + " HTTP/1.1\r\n" + InternalTokenService.HEADER + ": " + token() + "\r\n"
                + extraHeaders, null);
    }

    private Response post(String target, String json) throws IOException {
        return raw("POST " + target + " HTTP/1.1\r\n" + InternalTokenService.HEADER + ": " + token() + "\r\n", json);
    }

    private JsonNode problem(Response response, int status, String code) throws IOException {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.contentType()).as(response.body()).startsWith("application/problem+json");
        JsonNode body = mapper.readTree(response.body());
        assertThat(body.path("code").asText()).isEqualTo(code);
        assertThat(body.path("status").asInt()).isEqualTo(status);
        assertThat(response.body()).doesNotContain("Tomcat").doesNotContain("Exception").doesNotContain("<html");
        return body;
    }

    private JsonNode invalidField(Response response, String field) throws IOException {
        JsonNode body = problem(response, 422, "validation_failed");
        assertThat(body.path("errors").findValuesAsText("field")).containsExactly(field);
        return body;
    }

    @Test
    void controlCharactersInJsonStringsAndKeysAreRefusedNamingTheField() throws IOException {
        invalidField(post("/v1/samples", "{\"name\":\"a\\u0000b\"}"), "name");
        invalidField(post("/v1/samples", "{\"name\":\"ok\",\"lines\":[{\"description\":\"fine\"},"
                + "{\"description\":\"bell\\u0007\"}]}"), "lines[1].description");
        invalidField(post("/v1/samples", "{\"name\":\"ok\",\"currency\":\"E\\u001bUR\"}"), "currency");
        invalidField(post("/v1/samples", "{\"name\":\"ok\",\"x\\u0000\":1}"), "x\\u0000");
    }

    @Test
    void tabCarriageReturnAndLineFeedStayAllowed() throws IOException {
        Response ok = post("/v1/samples", "{\"name\":\"a\\tb\\r\\nc\"}");
        assertThat(ok.status()).as(ok.body()).isEqualTo(200);
    }

    @Test
    void controlCharactersInPathVariablesQueryParametersAndHeadersAreRefused() throws IOException {
        invalidField(get("/v1/samples/ten_a-%01", ""), "id");
        invalidField(get("/v1/samples/ten_a-1?status=open%00", ""), "status");
        invalidField(get("/v1/samples/ten_a-1?sta%02tus=open", ""), "sta\\u0002tus");
        // Tomcat's header parser refuses a control character in a header value itself; it answers our problem+json
        problem(get("/v1/samples/ten_a-1", "Idempotency-Key: key\u0001one\r\n"), 400, "malformed_request");
        assertThat(get("/v1/samples/ten_a-1?status=open", "Idempotency-Key: key\tone\r\n").status()).isEqualTo(200);
    }

    @Test
    void tomcatsOwnRejectionsAnswerProblemJson() throws IOException {
        problem(get("/v1/samples/..%2F..%2Fetc%2Fpasswd", ""), 400, "malformed_request");
        problem(get("/v1/samples?status=<script>", ""), 400, "malformed_request");
        problem(get("/v1/samples/%ff%fe", ""), 400, "malformed_request");
        problem(get("/v1/samples?invoiceId[]=1", ""), 400, "malformed_request");
        problem(get("/v1/samples/ten_a-1", "X-Broken header without colon\r\n"), 400, "malformed_request");
        problem(get("/v1/samples/%00", ""), 400, "malformed_request");
    }

    @Test
    void unknownPathsWrongMethodsAndUnacceptableTypesAnswerProblemJson() throws IOException {
        problem(get("/v1/nothing/here", ""), 404, "not_found");
        problem(get("/nothing-at-all", ""), 404, "not_found");
        problem(raw("DELETE /v1/samples HTTP/1.1\r\n" + InternalTokenService.HEADER + ": " + token() + "\r\n", null),
                405, "method_not_allowed");
        problem(get("/v1/samples/ten_a-1", "Accept: text/html\r\n"), 406, "not_acceptable");
        problem(get("/v1/nothing/here", "Accept: text/html\r\n"), 404, "not_found");
        problem(get("/error", "Accept: text/html\r\n"), 500, "internal_error");
    }
}
