package io.billstream.invoice;

import com.fasterxml.jackson.databind.JsonNode;
import io.billstream.platform.security.Actor;
import io.billstream.platform.security.ActorType;
import io.billstream.platform.security.Caller;
import io.billstream.platform.security.InternalTokenService;
import io.billstream.platform.security.TenantId;
import io.billstream.testsupport.ServiceIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** docs/api-reference.md §2 bad input on customers: problem+json with a stable code and errors[], and nothing stored. */
@ServiceIntegrationTest
class CustomerBadInputTest {

    private static final String ADDRESS = """
            {"line1": "1 Main St", "city": "Springfield", "postalCode": "12345", "country": "US"}""";

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

    static Stream<Arguments> badCreates() {
        return Stream.of(
                bad("{\"name\": \"A\", \"email\": ", 400, "malformed_json", null),
                bad("not json at all", 400, "malformed_json", null),
                bad("{\"name\": \"A\", \"email\": \"a@b.example\"} trailing", 400, "malformed_json", null),
                bad("[]", 400, "malformed_request", null),
                bad("{\"name\": {\"first\": \"A\"}, \"email\": \"a@b.example\"}", 400, "malformed_request", "name"),
                bad("{\"name\": \"A\", \"email\": \"a@b.example\", \"metadata\": \"x\"}", 400, "malformed_request",
                        "metadata"),
                bad("{\"name\": \"A\", \"email\": \"a@b.example\", \"metadata\": {\"k\": {\"n\": 1}}}", 400,
                        "malformed_request", "metadata.k"),
                bad("{\"name\": \"A\", \"email\": \"a@b.example\", \"address\": [\"1 Main St\"]}", 400,
                        "malformed_request", "address"),
                bad("{\"name\": \"A\", \"email\": [\"a@b.example\"]}", 400, "malformed_request", "email"),
                bad("{\"name\": \"A\", \"email\": \"a@b.example\", \"nickname\": \"x\"}", 400, "unknown_field",
                        "nickname"),
                bad("{\"name\": \"A\", \"email\": \"a@b.example\", \"address\": {\"line1\": \"x\", \"city\": \"y\", "
                        + "\"postalCode\": \"1\", \"country\": \"US\", \"floor\": 3}}", 400, "unknown_field",
                        "address.floor"),
                bad("{\"name\": \"A\", \"email\": \"a@b.example\", \"id\": \"cus_mine\"}", 400, "unknown_field", "id"),
                bad("{\"email\": \"a@b.example\"}", 422, "validation_failed", "name"),
                bad("{\"name\": \"\", \"email\": \"a@b.example\"}", 422, "validation_failed", "name"),
                bad("{\"name\": \"   \", \"email\": \"a@b.example\"}", 422, "validation_failed", "name"),
                bad("{\"name\": \"" + "n".repeat(201) + "\", \"email\": \"a@b.example\"}", 422, "validation_failed",
                        "name"),
                bad("{\"name\": \"A\"}", 422, "validation_failed", "email"),
                bad("{\"name\": \"A\", \"email\": \"not-an-email\"}", 422, "validation_failed", "email"),
                bad("{\"name\": \"A\", \"email\": \"a@localhost\"}", 422, "validation_failed", "email"),
                bad("{\"name\": \"A\", \"email\": \"a b@example.com\"}", 422, "validation_failed", "email"),
                bad("{\"name\": \"A\", \"email\": \"a@@example.com\"}", 422, "validation_failed", "email"),
                bad("{\"name\": \"A\", \"email\": \"" + "a".repeat(64) + "@" + "b".repeat(63) + "." + "c".repeat(63)
                        + "." + "d".repeat(63) + ".com\"}", 422, "validation_failed", "email"),
                bad(withAddress(ADDRESS.replace("\"US\"", "\"XX\"")), 422, "validation_failed", "address.country"),
                bad(withAddress(ADDRESS.replace("\"US\"", "\"us\"")), 422, "validation_failed", "address.country"),
                bad(withAddress(ADDRESS.replace("\"US\"", "\"USA\"")), 422, "validation_failed", "address.country"),
                bad(withAddress(ADDRESS.replace("\"line1\": \"1 Main St\", ", "")), 422, "validation_failed",
                        "address.line1"),
                bad(withAddress(ADDRESS.replace("1 Main St", "l".repeat(201))), 422, "validation_failed",
                        "address.line1"),
                bad(withAddress(ADDRESS.replace("{", "{\"line2\": \"" + "l".repeat(201) + "\", ")), 422,
                        "validation_failed", "address.line2"),
                bad(withAddress(ADDRESS.replace("\"city\": \"Springfield\", ", "")), 422, "validation_failed",
                        "address.city"),
                bad(withAddress(ADDRESS.replace("\"postalCode\": \"12345\", ", "")), 422, "validation_failed",
                        "address.postalCode"),
                bad("{\"name\": \"A\", \"email\": \"a@b.example\", \"locale\": \"en_US\"}", 422, "validation_failed",
                        "locale"),
                bad("{\"name\": \"A\", \"email\": \"a@b.example\", \"locale\": \"\"}", 422, "validation_failed",
                        "locale"),
                bad("{\"name\": \"A\", \"email\": \"a@b.example\", \"locale\": \"english please\"}", 422,
                        "validation_failed", "locale"),
                bad("{\"name\": \"A\", \"email\": \"a@b.example\", \"locale\": \"qq-ZZ\"}", 422, "validation_failed",
                        "locale"),
                bad("{\"name\": \"A\", \"email\": \"a@b.example\", \"taxId\": \"" + "t".repeat(101) + "\"}", 422,
                        "validation_failed", "taxId"),
                bad("{\"name\": \"A\", \"email\": \"a@b.example\", \"metadata\": " + metadata(21, 5, 1) + "}", 422,
                        "validation_failed", "metadata"),
                bad("{\"name\": \"A\", \"email\": \"a@b.example\", \"metadata\": " + metadata(1, 41, 1) + "}", 422,
                        "validation_failed", "metadata"),
                bad("{\"name\": \"A\", \"email\": \"a@b.example\", \"metadata\": " + metadata(1, 1, 501) + "}", 422,
                        "validation_failed", "metadata"),
                bad("{\"name\": \"A\", \"email\": \"a@b.example\", \"metadata\": {\"\": \"v\"}}", 422,
                        "validation_failed", "metadata"),
                bad("{\"name\": \"A\", \"email\": \"a@b.example\", \"metadata\": {\"k\": null}}", 422,
                        "validation_failed", "metadata"));
    }

    @ParameterizedTest(name = "[{index}] {1} {2} {3}")
    @MethodSource("badCreates")
    void badCreateIsAProblemAndStoresNothing(String body, int status, String code, String field) {
        CustomerHttp.Response response = http.post("/v1/customers", body);

        assertProblem(response, status, code, field);
        assertThat(customerRows()).isZero();
    }

    @Test
    void theLimitsThemselvesAreAccepted() {
        CustomerHttp.Response response = http.post("/v1/customers", "{\"name\": \"" + "n".repeat(200)
                + "\", \"email\": \"a@b.example\", \"locale\": \"zh-Hant-TW\", \"metadata\": " + metadata(20, 40, 500)
                + ", \"address\": " + ADDRESS.replace("1 Main St", "l".repeat(200)) + "}");

        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        assertThat(response.json().get("metadata").size()).isEqualTo(20);
        assertThat(customerRows()).isEqualTo(1);
    }

    @Test
    void allViolationsAreReportedTogether() {
        CustomerHttp.Response response = http.post("/v1/customers", """
                {"name": "", "email": "nope", "locale": "??", "address": {"line1": "x", "city": "y", "postalCode": "1",
                 "country": "ZZ"}}""");

        assertThat(response.status()).isEqualTo(422);
        assertThat(fields(response.json())).contains("name", "email", "locale", "address.country");
        assertThat(customerRows()).isZero();
    }

    @Test
    void wrongContentTypeIs415() {
        CustomerHttp.Response response = http.send("POST", "/v1/customers", "name=A",
                Map.of("Content-Type", "application/x-www-form-urlencoded"));

        assertThat(response.status()).isEqualTo(415);
        assertThat(response.json().get("code").asText()).isEqualTo("unsupported_media_type");
        assertThat(customerRows()).isZero();
    }

    @Test
    void bodyOverOneMebibyteIs413() {
        String body = "{\"name\": \"A\", \"email\": \"a@b.example\", \"taxId\": \"" + "x".repeat(1024 * 1024) + "\"}";

        CustomerHttp.Response response = http.post("/v1/customers", body);

        assertThat(response.status()).isEqualTo(413);
        assertThat(response.json().get("code").asText()).isEqualTo("payload_too_large");
        assertThat(customerRows()).isZero();
    }

    static Stream<Arguments> badPatches() {
        return Stream.of(
                bad("{\"name\": ", 400, "malformed_json", null),
                bad("[{\"op\": \"replace\"}]", 400, "malformed_request", null),
                bad("\"just a string\"", 400, "malformed_request", null),
                bad("{\"nickname\": \"x\"}", 400, "unknown_field", "nickname"),
                bad("{\"version\": 5}", 400, "unknown_field", "version"),
                bad("{\"archived\": false}", 400, "unknown_field", "archived"),
                bad("{\"address\": {\"floor\": 2}}", 400, "unknown_field", "address.floor"),
                bad("{\"name\": [\"x\"]}", 400, "malformed_request", "name"),
                bad("{\"metadata\": [1]}", 400, "malformed_request", "metadata"),
                bad("{\"name\": null}", 422, "validation_failed", "name"),
                bad("{\"email\": null}", 422, "validation_failed", "email"),
                bad("{\"email\": \"nope\"}", 422, "validation_failed", "email"),
                bad("{\"name\": \"" + "n".repeat(201) + "\"}", 422, "validation_failed", "name"),
                bad("{\"locale\": \"de_DE\"}", 422, "validation_failed", "locale"),
                bad("{\"address\": {\"city\": \"Berlin\"}}", 422, "validation_failed", "address.line1"),
                bad("{\"address\": {\"country\": \"XK1\"}}", 422, "validation_failed", "address.country"),
                bad("{\"metadata\": " + metadata(21, 5, 5) + "}", 422, "validation_failed", "metadata"));
    }

    @ParameterizedTest(name = "[{index}] {1} {2} {3}")
    @MethodSource("badPatches")
    void badPatchIsAProblemAndChangesNothing(String body, int status, String code, String field) {
        String id = http.createCustomer("Before", "before@example.com");
        JsonNode before = http.get("/v1/customers/" + id).json();

        CustomerHttp.Response response = http.patch("/v1/customers/" + id, body, Map.of());

        assertProblem(response, status, code, field);
        assertThat(http.get("/v1/customers/" + id).json()).isEqualTo(before);
    }

    @Test
    void metadataMergeThatWouldExceedTwentyPairsIsRefused() {
        String id = http.post("/v1/customers", "{\"name\": \"M\", \"email\": \"m@example.com\", \"metadata\": "
                + metadata(15, 5, 5) + "}").json().get("id").asText();
        String more = IntStream.range(0, 6).mapToObj(i -> "\"new" + i + "\": \"v\"")
                .collect(Collectors.joining(", ", "{", "}"));

        CustomerHttp.Response response = http.patch("/v1/customers/" + id, "{\"metadata\": " + more + "}", Map.of());

        assertProblem(response, 422, "validation_failed", "metadata");
        assertThat(http.get("/v1/customers/" + id).json().get("metadata").size()).isEqualTo(15);
    }

    static Stream<Arguments> badListQueries() {
        return Stream.of(
                bad("limit=0", 422, "validation_failed", "limit"),
                bad("limit=101", 422, "validation_failed", "limit"),
                bad("limit=-5", 422, "validation_failed", "limit"),
                bad("limit=ten", 422, "validation_failed", "limit"),
                bad("includeArchived=maybe", 422, "validation_failed", "includeArchived"),
                bad("cursor=garbage!", 422, "validation_failed", "cursor"),
                bad("cursor=YzF8MTIzfHh4fGN1c18x", 422, "validation_failed", "cursor"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("badListQueries")
    void badListQueryIs422(String query, int status, String code, String field) {
        assertProblem(http.get("/v1/customers?" + query), status, code, field);
    }

    @Test
    void limitBoundsAreAccepted() {
        assertThat(http.get("/v1/customers?limit=1").status()).isEqualTo(200);
        assertThat(http.get("/v1/customers?limit=100").status()).isEqualTo(200);
    }

    @Test
    void callsWithoutAValidInternalTokenAre401AndReadOnlyCallersCannotWrite() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        HttpResponse<String> anonymous = client.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/v1/customers"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\": \"A\", \"email\": \"a@b.example\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).isEqualTo(401);

        String readOnly = tokens.mint(new Caller(new TenantId(http.tenant), new Actor(ActorType.API_KEY, "key_1"),
                "Acme", false));
        HttpResponse<String> write = client.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/v1/customers"))
                .header("Content-Type", "application/json")
                .header(InternalTokenService.HEADER, readOnly)
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\": \"A\", \"email\": \"a@b.example\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(write.statusCode()).isEqualTo(403);
        assertThat(customerRows()).isZero();
    }

    private int customerRows() {
        Integer rows = jdbc.queryForObject("select count(*) from customer where tenant_id = ?", Integer.class,
                http.tenant);
        return rows == null ? 0 : rows;
    }

    private static void assertProblem(CustomerHttp.Response response, int status, String code, String field) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        JsonNode problem = response.json();
        assertThat(problem.get("code").asText()).isEqualTo(code);
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.has("type")).isTrue();
        assertThat(problem.has("title")).isTrue();
        assertThat(problem.toString()).doesNotContain("Exception").doesNotContain("\tat ");
        if (field != null) {
            assertThat(fields(problem)).contains(field);
        }
    }

    private static List<String> fields(JsonNode problem) {
        List<String> fields = new ArrayList<>();
        if (problem.has("errors")) {
            problem.get("errors").forEach(e -> fields.add(e.get("field").asText()));
        }
        return fields;
    }

    private static String withAddress(String address) {
        return "{\"name\": \"A\", \"email\": \"a@b.example\", \"address\": " + address + "}";
    }

    private static String metadata(int pairs, int keyLength, int valueLength) {
        return IntStream.range(0, pairs)
                .mapToObj(i -> "\"" + pad("k" + i, keyLength) + "\": \"" + "v".repeat(valueLength) + "\"")
                .collect(Collectors.joining(", ", "{", "}"));
    }

    private static String pad(String prefix, int length) {
        return length <= prefix.length() ? prefix.substring(0, length) : prefix + "x".repeat(length - prefix.length());
    }

    private static Arguments bad(String body, int status, String code, String field) {
        return Arguments.of(body, status, code, field);
    }
}
