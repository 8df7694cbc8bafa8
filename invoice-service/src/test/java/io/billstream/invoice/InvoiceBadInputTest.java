package io.billstream.invoice;

import com.fasterxml.jackson.databind.JsonNode;
import io.billstream.platform.security.InternalTokenService;
import io.billstream.testsupport.ServiceIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

@ServiceIntegrationTest
class InvoiceBadInputTest {

    @Autowired
    InternalTokenService tokens;
    @Autowired
    JdbcTemplate jdbc;
    @Value("${local.server.port}")
    int port;
    InvoiceHttp http;
    String customer;

    @BeforeEach
    void tenant() {
        http = new InvoiceHttp(tokens, port);
        customer = http.customer("Hooli");
    }

    @Test
    void badCreateRequestsAreProblemsAndStoreNothing() {
        problem(http.post("/v1/invoices", "{\"customerId\": "), 400, "malformed_json");
        problem(http.post("/v1/invoices", body("\"lineItems\": \"many\"")), 400, "malformed_request");
        assertField(problem(http.post("/v1/invoices", body(line("\"quantity\": {\"n\": 1}, \"unitPrice\": \"1\""))),
                400, "malformed_request"), "lineItems[0].quantity");
        problem(http.post("/v1/invoices", body("\"dueDate\": \"next week\"")), 400, "malformed_request");
        problem(http.post("/v1/invoices", body("\"colour\": \"red\"")), 400, "unknown_field");

        assertField(problem(http.post("/v1/invoices", body(line("\"quantity\": \"-2\", \"unitPrice\": \"10\""))),
                422, "validation_failed"), "lineItems[0].quantity");
        assertField(problem(http.post("/v1/invoices", body("\"currency\": \"XYZ\"")), 422, "validation_failed"),
                "currency");
        assertField(problem(http.post("/v1/invoices", body(line("\"quantity\": \"1\", \"unitPrice\": \"10.001\""))),
                422, "validation_failed"), "lineItems[0].unitPrice");
        assertField(problem(http.post("/v1/invoices", body("\"currency\": \"JPY\", "
                + line("\"quantity\": \"1\", \"unitPrice\": \"100.5\""))), 422, "validation_failed"),
                "lineItems[0].unitPrice");
        assertField(problem(http.post("/v1/invoices", body(line("\"quantity\": \"1.00001\", \"unitPrice\": \"1\""))),
                422, "validation_failed"), "lineItems[0].quantity");
        assertField(problem(http.post("/v1/invoices", body(line(
                "\"quantity\": \"1\", \"unitPrice\": \"1\", \"taxRatePercent\": \"100.5\""))), 422,
                "validation_failed"), "lineItems[0].taxRatePercent");
        assertField(problem(http.post("/v1/invoices", body("\"lineItems\": [{\"description\": \"x\", \"kind\": \"gift\", "
                + "\"quantity\": \"1\", \"unitPrice\": \"1\"}]")), 422, "validation_failed"), "lineItems[0].kind");
        assertField(problem(http.post("/v1/invoices", "{\"customerId\": \"cus_nobody\"}"), 422,
                "validation_failed"), "customerId");

        String lines = IntStream.range(0, 501)
                .mapToObj(i -> "{\"description\": \"Line " + i + "\", \"kind\": \"service\", \"quantity\": \"1\", "
                        + "\"unitPrice\": \"1.00\"}")
                .collect(Collectors.joining(","));
        assertField(problem(http.post("/v1/invoices", body("\"lineItems\": [" + lines + "]")), 422,
                "validation_failed"), "lineItems");

        String huge = body("\"notes\": \"" + "x".repeat(1_100_000) + "\"");
        problem(http.post("/v1/invoices", huge), 413, "payload_too_large");

        assertThat(eventsOfTenant()).isZero();
    }

    @Test
    void badEditsOfADraftLeaveItUnchanged() {
        String id = http.post("/v1/invoices", body(line("\"quantity\": \"1\", \"unitPrice\": \"150.50\""))).text("id");
        assertField(problem(http.post("/v1/invoices/" + id + "/line-items",
                "{\"description\": \"x\", \"kind\": \"service\", \"quantity\": \"0\", \"unitPrice\": \"1\"}"),
                422, "validation_failed"), "quantity");
        assertField(problem(http.post("/v1/invoices/" + id + "/line-items",
                "{\"description\": \"x\", \"kind\": \"service\", \"quantity\": \"1\", \"unitPrice\": \"1.234\"}"),
                422, "validation_failed"), "unitPrice");
        assertField(problem(http.patch("/v1/invoices/" + id, "{\"currency\": \"JPY\"}", Map.of()), 422,
                "validation_failed"), "lineItems[0].unitPrice");
        problem(http.patch("/v1/invoices/" + id, "{\"notes\": [1]}", Map.of()), 400, "malformed_request");
        assertField(problem(http.post("/v1/invoices/" + id + "/issue", "{\"issueDate\": \"2001-01-01\"}"), 422,
                "validation_failed"), "issueDate");
        assertField(problem(http.get("/v1/invoices?limit=0"), 422, "validation_failed"), "limit");
        assertField(problem(http.get("/v1/invoices?status=late"), 422, "validation_failed"), "status");
        assertField(problem(http.get("/v1/invoices?cursor=not-a-cursor!"), 422, "validation_failed"), "cursor");
        assertThat(http.get("/v1/invoices/" + id).json().get("version").asLong()).isEqualTo(1);
        assertThat(http.get("/v1/invoices/" + id).text("status")).isEqualTo("draft");
    }

    private long eventsOfTenant() {
        return jdbc.queryForObject("select count(*) from domain_event_entry where convert_from(meta_data, 'UTF8') like ?",
                Long.class, "%" + http.tenant + "%");
    }

    private String body(String fields) {
        return "{\"customerId\": \"" + customer + "\", " + fields + "}";
    }

    private static String line(String fields) {
        return "\"lineItems\": [{\"description\": \"Work\", \"kind\": \"service\", " + fields + "}]";
    }

    private static JsonNode problem(InvoiceHttp.Res res, int status, String code) {
        assertThat(res.status()).as(res.raw().body()).isEqualTo(status);
        assertThat(res.header("Content-Type")).startsWith("application/problem+json");
        assertThat(res.text("code")).isEqualTo(code);
        return res.json();
    }

    private static void assertField(JsonNode problem, String field) {
        assertThat(problem.get("errors").findValuesAsText("field")).contains(field);
    }
}
