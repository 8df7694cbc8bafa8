package io.billstream.invoice;

import com.fasterxml.jackson.databind.JsonNode;
import io.billstream.platform.security.InternalTokenService;
import io.billstream.testsupport.ServiceIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** docs/api-reference.md §2/§4 bad input on PUT /v1/settings: problem+json, and the stored document stays as it was. */
@ServiceIntegrationTest
class SettingsBadInputTest {

    private static final String SELLER = """
            {"name": "Acme", "email": "billing@acme.example",
             "address": {"line1": "1 Road", "city": "Vienna", "postalCode": "1010", "country": "AT"}}""";

    @Autowired
    InternalTokenService tokens;
    @Autowired
    JdbcTemplate jdbc;
    @Value("${local.server.port}")
    int port;

    CustomerHttp http;

    @BeforeEach
    void newTenant() {
        http = new CustomerHttp(tokens, port);
    }

    static Stream<Arguments> badDocuments() {
        return Stream.of(
                bad("{\"seller\": ", 400, "malformed_json", null),
                bad("[]", 400, "malformed_request", null),
                bad(with("\"paymentTermsDays\": \"soon\""), 400, "malformed_request", "paymentTermsDays"),
                bad(with("\"paymentTermsDays\": 14.5"), 400, "malformed_request", "paymentTermsDays"),
                bad(with("\"lateFeePercentPerMonth\": \"one\""), 400, "malformed_request", "lateFeePercentPerMonth"),
                bad(with("\"lateFeePercentPerMonth\": {\"v\": 1}"), 400, "malformed_request", "lateFeePercentPerMonth"),
                bad("{\"seller\": \"Acme\"}", 400, "malformed_request", "seller"),
                bad(with("\"currency\": \"EUR\""), 400, "unknown_field", "currency"),
                bad("{\"seller\": {\"name\": \"A\", \"phone\": \"1\"}}", 400, "unknown_field", "seller.phone"),
                bad("{}", 422, "validation_failed", "seller"),
                bad("{\"seller\": {\"name\": \"Acme\"}}", 422, "validation_failed", "seller.email"),
                bad("{\"seller\": {\"name\": \"Acme\"}}", 422, "validation_failed", "seller.address"),
                bad(SELLER.replace("\"Acme\"", "\"\"").transform(SettingsBadInputTest::doc), 422,
                        "validation_failed", "seller.name"),
                bad(SELLER.replace("\"Acme\"", "\"" + "s".repeat(201) + "\"").transform(SettingsBadInputTest::doc),
                        422, "validation_failed", "seller.name"),
                bad(SELLER.replace("billing@acme.example", "billing").transform(SettingsBadInputTest::doc), 422,
                        "validation_failed", "seller.email"),
                bad(SELLER.replace("\"AT\"", "\"Austria\"").transform(SettingsBadInputTest::doc), 422,
                        "validation_failed", "seller.address.country"),
                bad(with("\"defaultCurrency\": \"usd\""), 422, "validation_failed", "defaultCurrency"),
                bad(with("\"defaultCurrency\": \"ABC\""), 422, "validation_failed", "defaultCurrency"),
                bad(with("\"defaultCurrency\": \"XAU\""), 422, "validation_failed", "defaultCurrency"),
                bad(with("\"defaultCurrency\": \"EURO\""), 422, "validation_failed", "defaultCurrency"),
                bad(with("\"paymentTermsDays\": -1"), 422, "validation_failed", "paymentTermsDays"),
                bad(with("\"paymentTermsDays\": 366"), 422, "validation_failed", "paymentTermsDays"),
                bad(with("\"lateFeePercentPerMonth\": \"-0.5\""), 422, "validation_failed", "lateFeePercentPerMonth"),
                bad(with("\"lateFeePercentPerMonth\": \"100.01\""), 422, "validation_failed",
                        "lateFeePercentPerMonth"),
                bad(with("\"lateFeePercentPerMonth\": \"1.23456\""), 422, "validation_failed",
                        "lateFeePercentPerMonth"),
                bad(with("\"numberFormat\": \"INV-0001\""), 422, "validation_failed", "numberFormat"),
                bad(with("\"numberFormat\": \"{yyyy}-{seq}-{seq}\""), 422, "validation_failed", "numberFormat"),
                bad(with("\"numberFormat\": \"{yyy}-{seq}\""), 422, "validation_failed", "numberFormat"),
                bad(with("\"numberFormat\": \"{seq:0}\""), 422, "validation_failed", "numberFormat"),
                bad(with("\"numberFormat\": \"{seq:10}\""), 422, "validation_failed", "numberFormat"),
                bad(with("\"numberFormat\": \"{seq\""), 422, "validation_failed", "numberFormat"),
                bad(with("\"numberFormat\": \"\""), 422, "validation_failed", "numberFormat"),
                bad(with("\"numberFormat\": \"" + "x".repeat(100) + "{seq}\""), 422, "validation_failed",
                        "numberFormat"),
                bad(with("\"defaultNotes\": \"" + "n".repeat(10_001) + "\""), 422, "validation_failed",
                        "defaultNotes"),
                bad(with("\"defaultTerms\": \"" + "t".repeat(10_001) + "\""), 422, "validation_failed",
                        "defaultTerms"),
                bad(with("\"locale\": \"en_US\""), 422, "validation_failed", "locale"),
                bad(with("\"locale\": \"\""), 422, "validation_failed", "locale"));
    }

    @ParameterizedTest(name = "[{index}] {1} {2} {3}")
    @MethodSource("badDocuments")
    void badPutIsAProblemAndReplacesNothing(String body, int status, String code, String field) {
        assertThat(http.put("/v1/settings", with("\"paymentTermsDays\": 45")).status()).isEqualTo(200);
        JsonNode before = http.get("/v1/settings").json();

        CustomerHttp.Response response = http.put("/v1/settings", body);

        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("code").asText()).isEqualTo(code);
        if (field != null) {
            assertThat(fields(response.json())).contains(field);
        }
        assertThat(http.get("/v1/settings").json()).isEqualTo(before);
    }

    @Test
    void aRefusedFirstPutLeavesTheDefaultsAndStoresNoRow() {
        assertThat(http.put("/v1/settings", with("\"paymentTermsDays\": 400")).status()).isEqualTo(422);

        Integer rows = jdbc.queryForObject("select count(*) from billing_settings where tenant_id = ?", Integer.class,
                http.tenant);
        assertThat(rows).isZero();
        assertThat(http.get("/v1/settings").json().get("paymentTermsDays").asInt()).isEqualTo(14);
    }

    @Test
    void boundaryValuesAreAccepted() {
        CustomerHttp.Response response = http.put("/v1/settings", with("""
                "paymentTermsDays": 365, "lateFeePercentPerMonth": 100, "numberFormat": "{seq}",
                "defaultCurrency": "JPY", "locale": "sr-Latn-RS", "defaultNotes": "%s"
                """.formatted("n".repeat(10_000))));

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.json().get("lateFeePercentPerMonth").asText()).isEqualTo("100");
        assertThat(response.json().get("paymentTermsDays").asInt()).isEqualTo(365);
        assertThat(http.put("/v1/settings", with("\"paymentTermsDays\": 0, \"lateFeePercentPerMonth\": \"0.0001\""))
                .json().get("lateFeePercentPerMonth").asText()).isEqualTo("0.0001");
    }

    private static List<String> fields(JsonNode problem) {
        List<String> fields = new ArrayList<>();
        if (problem.has("errors")) {
            problem.get("errors").forEach(e -> fields.add(e.get("field").asText()));
        }
        return fields;
    }

    private static String with(String extra) {
        return "{\"seller\": " + SELLER + ", " + extra + "}";
    }

    private static String doc(String seller) {
        return "{\"seller\": " + seller + "}";
    }

    private static Arguments bad(String body, int status, String code, String field) {
        return Arguments.of(body, status, code, field);
    }
}
