package io.billstream.invoice;

import com.fasterxml.jackson.databind.JsonNode;
import io.billstream.platform.security.InternalTokenService;
import io.billstream.testsupport.RawHttp;
import io.billstream.testsupport.ServiceIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 15 on invoice-service's own port: a NUL (or another C0 control) in any text field or id answers 422
 * naming the field and stores nothing (it used to be a 500 for customers and settings, and a 201 for invoices whose
 * event then stalled the list projection); Tomcat's rejections answer problem+json.
 */
@ServiceIntegrationTest
class HostileInputInvoiceTest {

    @Autowired
    InternalTokenService tokens;
    @Autowired
    JdbcTemplate jdbc;
    @Value("${local.server.port}")
    int port;

    private static void invalid(CustomerHttp.Response response, String field) {
        assertThat(response.status()).as(String.valueOf(response.json())).isEqualTo(422);
        assertThat(response.raw().headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(response.json().path("code").asText()).isEqualTo("validation_failed");
        assertThat(response.json().path("errors").findValuesAsText("field")).containsExactly(field);
    }

    private long rows(String sql, Object... args) {
        return jdbc.queryForObject(sql, Long.class, args);
    }

    @Test
    void customersAndSettingsWithControlCharactersAreRefusedAndNothingIsStored() {
        CustomerHttp http = new CustomerHttp(tokens, port);
        invalid(http.post("/v1/customers", "{\"name\": \"a\\u0000b\", \"email\": \"a@example.com\"}"), "name");
        invalid(http.post("/v1/customers", """
                {"name": "A", "email": "a@example.com", "address": {"line1": "x\\u0001"}}"""), "address.line1");
        invalid(http.post("/v1/customers", """
                {"name": "A", "email": "a@example.com", "metadata": {"k": "v\\u001f"}}"""), "metadata.k");
        assertThat(rows("select count(*) from customer where tenant_id = ?", http.tenant)).isZero();

        CustomerHttp.Response created = http.post("/v1/customers", "{\"name\": \"Fine\", \"email\": \"f@example.com\"}");
        assertThat(created.status()).isEqualTo(201);
        String id = created.json().path("id").asText();
        invalid(http.patch("/v1/customers/" + id, "{\"name\": \"a\\u0000b\"}", Map.of()), "name");
        assertThat(http.get("/v1/customers/" + id).json().path("name").asText()).isEqualTo("Fine");
        invalid(http.get("/v1/customers/" + id + "%01"), "id");
        invalid(http.get("/v1/customers?email=a%00"), "email");

        invalid(http.put("/v1/settings", "{\"seller\": {\"name\": \"S\\u0000\"}}"), "seller.name");
        assertThat(rows("select count(*) from billing_settings where tenant_id = ?", http.tenant)).isZero();
    }

    @Test
    void invoiceTextFieldsAndIdsWithControlCharactersAreRefusedAndNothingIsStored() {
        InvoiceHttp invoices = new InvoiceHttp(tokens, port);
        String customer = invoices.customer("Hooli");
        String line = "{\"description\": \"%s\", \"kind\": \"service\", \"quantity\": \"1\", \"unit\": \"hour\", "
                + "\"unitPrice\": \"10.00\"}";
        Map<String, String> bodies = Map.of(
                "notes", "{\"customerId\": \"%s\", \"notes\": \"n\\u0000\", \"lineItems\": [%s]}",
                "terms", "{\"customerId\": \"%s\", \"terms\": \"t\\u0000\", \"lineItems\": [%s]}",
                "reference", "{\"customerId\": \"%s\", \"reference\": \"r\\u0000\", \"lineItems\": [%s]}");
        for (Map.Entry<String, String> body : bodies.entrySet()) {
            InvoiceHttp.Res res = invoices.post("/v1/invoices", body.getValue().formatted(customer,
                    line.formatted("ok")));
            assertThat(res.status()).as(body.getKey()).isEqualTo(422);
            assertThat(res.json().path("errors").findValuesAsText("field")).containsExactly(body.getKey());
        }
        InvoiceHttp.Res description = invoices.post("/v1/invoices", "{\"customerId\": \"%s\", \"lineItems\": [%s, %s]}"
                .formatted(customer, line.formatted("ok"), line.formatted("bad\\u0000")));
        assertThat(description.status()).isEqualTo(422);
        assertThat(description.json().path("errors").findValuesAsText("field"))
                .containsExactly("lineItems[1].description");
        InvoiceHttp.Res customerId = invoices.post("/v1/invoices", "{\"customerId\": \"cus_\\u0000\", \"lineItems\": [%s]}"
                .formatted(line.formatted("ok")));
        assertThat(customerId.status()).isEqualTo(422);
        assertThat(customerId.json().path("errors").findValuesAsText("field")).containsExactly("customerId");
        assertThat(invoices.get("/v1/invoices?customerId=cus_%00").status()).isEqualTo(422);
        assertThat(rows("select count(*) from domain_event_entry where payload_type like '%InvoiceCreated'"
                + " and convert_from(payload, 'UTF8') like ?", "%" + customer + "%")).isZero();
    }

    @Test
    void tomcatsRejectionsOnTheServicePortAreProblemJson() throws Exception {
        String token = InternalTokenService.HEADER + ": " + tokens.mint(new io.billstream.platform.security.Caller(
                new io.billstream.platform.security.TenantId("ten_x"), io.billstream.platform.security.Actor.SYSTEM,
                "x", true)) + "\r\n";
        for (String target : new String[]{"/v1/invoices/..%2F..%2Fetc%2Fpasswd", "/v1/invoices?status=<script>",
                "/v1/invoices/%ff%fe", "/v1/invoices?invoiceId[]=1"}) {
            RawHttp.Response response = RawHttp.send(port, "GET " + target + " HTTP/1.1\r\n" + token, null);
            assertThat(response.status()).as(target).isEqualTo(400);
            assertThat(response.contentType()).as(target).startsWith("application/problem+json");
            JsonNode body = InvoiceHttp.JSON.readTree(response.body());
            assertThat(body.path("code").asText()).isEqualTo("malformed_request");
        }
        RawHttp.Response unknown = RawHttp.send(port, "GET /v1/nowhere HTTP/1.1\r\nAccept: text/html\r\n" + token,
                null);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.contentType()).startsWith("application/problem+json");
    }
}
