package io.billstream.invoice;

import com.fasterxml.jackson.databind.JsonNode;
import io.billstream.platform.security.InternalTokenService;
import io.billstream.testsupport.ServiceIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

@ServiceIntegrationTest
class CustomerApiTest {

    @Autowired
    InternalTokenService tokens;
    @Value("${local.server.port}")
    int port;

    CustomerHttp http;

    @BeforeEach
    void newTenant() {
        http = new CustomerHttp(tokens, port);
    }

    @Test
    void createsAndReadsACustomerWithEveryField() {
        CustomerHttp.Response created = http.post("/v1/customers", """
                {"name": "Globex GmbH", "email": "billing@globex.example",
                 "address": {"line1": "Hauptstraße 1", "line2": "3. OG", "city": "Berlin", "region": "BE",
                             "postalCode": "10115", "country": "DE"},
                 "taxId": "DE123456789", "locale": "de-DE", "metadata": {"crm": "42"}}""");

        assertThat(created.status()).isEqualTo(201);
        JsonNode body = created.json();
        String id = body.get("id").asText();
        assertThat(id).startsWith("cus_");
        assertThat(created.header("Location")).isEqualTo("/v1/customers/" + id);
        assertThat(created.header("ETag")).isEqualTo("\"1\"");
        assertThat(body.get("name").asText()).isEqualTo("Globex GmbH");
        assertThat(body.get("address").get("line1").asText()).isEqualTo("Hauptstraße 1");
        assertThat(body.get("address").get("country").asText()).isEqualTo("DE");
        assertThat(body.get("taxId").asText()).isEqualTo("DE123456789");
        assertThat(body.get("locale").asText()).isEqualTo("de-DE");
        assertThat(body.get("metadata").get("crm").asText()).isEqualTo("42");
        assertThat(body.get("archived").asBoolean()).isFalse();
        assertThat(body.get("version").asLong()).isEqualTo(1);
        assertThat(body.get("createdAt").asText()).isEqualTo(body.get("updatedAt").asText());

        CustomerHttp.Response read = http.get("/v1/customers/" + id);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json()).isEqualTo(body);
        assertThat(read.header("ETag")).isEqualTo("\"1\"");
    }

    @Test
    void optionalFieldsAreNullAndMetadataEmptyWhenOmitted() {
        String id = http.createCustomer("Solo", "solo@example.com");

        JsonNode body = http.get("/v1/customers/" + id).json();
        assertThat(body.get("address").isNull()).isTrue();
        assertThat(body.get("taxId").isNull()).isTrue();
        assertThat(body.get("locale").isNull()).isTrue();
        assertThat(body.get("metadata").size()).isZero();
    }

    @Test
    void anotherTenantsCustomerIsNotFound() {
        String id = http.createCustomer("Initech", "ap@initech.example");
        CustomerHttp other = new CustomerHttp(tokens, port);

        assertThat(other.get("/v1/customers/" + id).status()).isEqualTo(404);
        assertThat(other.get("/v1/customers/" + id).json().get("code").asText()).isEqualTo("not_found");
        assertThat(other.patch("/v1/customers/" + id, "{\"name\": \"Hijacked\"}", Map.of()).status()).isEqualTo(404);
        assertThat(other.delete("/v1/customers/" + id).status()).isEqualTo(404);
        assertThat(other.get("/v1/customers").json().get("data").size()).isZero();
        assertThat(http.get("/v1/customers/" + id).json().get("name").asText()).isEqualTo("Initech");
        assertThat(http.get("/v1/customers/" + id).json().get("archived").asBoolean()).isFalse();
    }

    @Test
    void unknownIdIsNotFound() {
        CustomerHttp.Response response = http.get("/v1/customers/cus_doesnotexist");
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.contentType()).startsWith("application/problem+json");
    }

    @Test
    void patchMergesProvidedFieldsAndIncrementsTheVersion() {
        String id = http.post("/v1/customers", """
                {"name": "Umbrella", "email": "a@umbrella.example", "taxId": "X-1",
                 "address": {"line1": "1 Main St", "city": "Raccoon City", "postalCode": "12345", "country": "US"},
                 "metadata": {"a": "1", "b": "2"}}""").json().get("id").asText();

        CustomerHttp.Response patched = http.patch("/v1/customers/" + id, """
                {"email": "billing@umbrella.example", "taxId": null, "address": {"city": "Springfield"},
                 "metadata": {"a": null, "c": "3"}}""", Map.of());

        assertThat(patched.status()).isEqualTo(200);
        JsonNode body = patched.json();
        assertThat(body.get("name").asText()).isEqualTo("Umbrella");
        assertThat(body.get("email").asText()).isEqualTo("billing@umbrella.example");
        assertThat(body.get("taxId").isNull()).isTrue();
        assertThat(body.get("address").get("line1").asText()).isEqualTo("1 Main St");
        assertThat(body.get("address").get("city").asText()).isEqualTo("Springfield");
        assertThat(body.get("metadata").properties()).extracting(Map.Entry::getKey).containsExactlyInAnyOrder("b", "c");
        assertThat(body.get("version").asLong()).isEqualTo(2);
        assertThat(patched.header("ETag")).isEqualTo("\"2\"");
        assertThat(http.get("/v1/customers/" + id).json()).isEqualTo(body);
    }

    @Test
    void patchAcceptsTheMergePatchMediaType() {
        String id = http.createCustomer("Typed", "typed@example.com");

        CustomerHttp.Response patched = http.patch("/v1/customers/" + id, "{\"taxId\": \"T-1\"}",
                Map.of("Content-Type", "application/merge-patch+json"));

        assertThat(patched.status()).isEqualTo(200);
        assertThat(patched.json().get("taxId").asText()).isEqualTo("T-1");
    }

    @Test
    void patchThatChangesNothingKeepsTheVersion() {
        String id = http.createCustomer("Same", "same@example.com");

        CustomerHttp.Response patched = http.patch("/v1/customers/" + id, "{\"name\": \"Same\"}", Map.of());

        assertThat(patched.status()).isEqualTo(200);
        assertThat(patched.json().get("version").asLong()).isEqualTo(1);
    }

    @Test
    void ifMatchMismatchIs412AndChangesNothing() {
        String id = http.createCustomer("Hooli", "ap@hooli.example");
        assertThat(http.patch("/v1/customers/" + id, "{\"name\": \"Hooli XYZ\"}", Map.of("If-Match", "\"1\""))
                .status()).isEqualTo(200);

        CustomerHttp.Response stale = http.patch("/v1/customers/" + id, "{\"name\": \"Stale\"}",
                Map.of("If-Match", "\"1\""));

        assertThat(stale.status()).isEqualTo(412);
        assertThat(stale.json().get("code").asText()).isEqualTo("version_mismatch");
        JsonNode current = http.get("/v1/customers/" + id).json();
        assertThat(current.get("name").asText()).isEqualTo("Hooli XYZ");
        assertThat(current.get("version").asLong()).isEqualTo(2);
        assertThat(http.send("DELETE", "/v1/customers/" + id, null, Map.of("If-Match", "\"1\"")).status())
                .isEqualTo(412);
        assertThat(http.get("/v1/customers/" + id).json().get("archived").asBoolean()).isFalse();
    }

    @Test
    void concurrentPatchesWithTheSameIfMatchLetExactlyOneWin() throws Exception {
        String id = http.createCustomer("Race", "race@example.com");
        List<Future<Integer>> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
            for (int i = 0; i < 4; i++) {
                String name = "Racer " + i;
                results.add(pool.submit(() -> http.patch("/v1/customers/" + id, "{\"name\": \"" + name + "\"}",
                        Map.of("If-Match", "\"1\"")).status()));
            }
        }
        List<Integer> statuses = new ArrayList<>();
        for (Future<Integer> result : results) {
            statuses.add(result.get());
        }
        assertThat(statuses).containsOnly(200, 412);
        assertThat(statuses).filteredOn(s -> s == 200).hasSize(1);
        assertThat(http.get("/v1/customers/" + id).json().get("version").asLong()).isEqualTo(2);
    }

    @Test
    void deleteArchivesTheCustomerWhichStaysReadableButLeavesDefaultLists() {
        String kept = http.createCustomer("Kept", "kept@example.com");
        String gone = http.createCustomer("Gone", "gone@example.com");

        CustomerHttp.Response deleted = http.delete("/v1/customers/" + gone);

        assertThat(deleted.status()).isEqualTo(204);
        JsonNode archived = http.get("/v1/customers/" + gone).json();
        assertThat(archived.get("archived").asBoolean()).isTrue();
        assertThat(archived.get("version").asLong()).isEqualTo(2);
        assertThat(ids(http.get("/v1/customers").json())).containsExactly(kept);
        assertThat(ids(http.get("/v1/customers?includeArchived=true").json())).containsExactly(gone, kept);
        assertThat(http.delete("/v1/customers/" + gone).status()).isEqualTo(204);
        assertThat(http.get("/v1/customers/" + gone).json().get("version").asLong()).isEqualTo(2);
    }

    @Test
    void listFiltersByEmailCaseInsensitively() {
        String match = http.createCustomer("Match", "Finance@Example.com");
        http.createCustomer("Other", "other@example.com");

        JsonNode page = http.get("/v1/customers?email=finance@EXAMPLE.com").json();

        assertThat(ids(page)).containsExactly(match);
        assertThat(page.get("nextCursor").isNull()).isTrue();
    }

    @Test
    void cursorPaginationWalksEveryCustomerNewestFirstOnceEvenWithInsertsBetweenPages() {
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            created.add(http.createCustomer("C" + i, "c" + i + "@example.com"));
        }
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonNode page = http.get("/v1/customers?limit=3" + (cursor == null ? "" : "&cursor=" + cursor)).json();
            seen.addAll(ids(page));
            cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asText();
            if (pages == 0) {
                http.createCustomer("Late", "late@example.com");
            }
            pages++;
        } while (cursor != null);

        assertThat(pages).isEqualTo(3);
        assertThat(seen).containsExactlyElementsOf(created.reversed());
        assertThat(new HashSet<>(seen)).hasSize(7);
    }

    @Test
    void defaultLimitIs20() {
        for (int i = 0; i < 21; i++) {
            http.createCustomer("Many " + i, "many" + i + "@example.com");
        }
        JsonNode page = http.get("/v1/customers").json();
        assertThat(page.get("data").size()).isEqualTo(20);
        assertThat(page.get("nextCursor").isNull()).isFalse();
    }

    private static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.get("data").forEach(c -> ids.add(c.get("id").asText()));
        return ids;
    }
}
