package io.billstream.invoice;

import com.fasterxml.jackson.databind.JsonNode;
import io.billstream.platform.security.InternalTokenService;
import io.billstream.testsupport.ServiceIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code GET /v1/customers?ids=…}: the batch lookup the gateway's GraphQL {@code Invoice.customer} uses. */
@ServiceIntegrationTest
class CustomerBatchLookupTest {

    @Autowired
    InternalTokenService tokens;
    @Value("${local.server.port}")
    int port;

    @Test
    void returnsExactlyTheTenantsCustomersAmongTheIdsArchivedIncluded() {
        CustomerHttp alice = new CustomerHttp(tokens, port);
        CustomerHttp bob = new CustomerHttp(tokens, port);
        String a = alice.createCustomer("A", "a@example.com");
        String b = alice.createCustomer("B", "b@example.com");
        String notAsked = alice.createCustomer("C", "c@example.com");
        assertThat(alice.delete("/v1/customers/" + b).status()).isEqualTo(204);
        String bobs = bob.createCustomer("Bob's", "bob@example.com");

        CustomerHttp.Response page = alice.get("/v1/customers?ids=" + a + "," + b + "," + bobs + ",cus_unknown," + a);

        assertThat(page.status()).as(page.toString()).isEqualTo(200);
        assertThat(ids(page.json())).containsExactly(b, a);
        assertThat(page.json().get("data").get(0).get("archived").asBoolean()).isTrue();
        assertThat(page.json().get("nextCursor").isNull()).isTrue();
        assertThat(ids(page.json())).doesNotContain(notAsked, bobs);
        assertThat(ids(bob.get("/v1/customers?ids=" + a + "," + bobs).json())).containsExactly(bobs);
    }

    @Test
    void refusesMoreThanAHundredIdsBadIdsAndMixedFilters() {
        CustomerHttp http = new CustomerHttp(tokens, port);
        String tooMany = IntStream.range(0, 101).mapToObj(i -> "cus_" + i).collect(Collectors.joining(","));
        String hundred = IntStream.range(0, 100).mapToObj(i -> "cus_" + i).collect(Collectors.joining(","));

        assertThat(http.get("/v1/customers?ids=" + hundred).status()).isEqualTo(200);
        for (String query : List.of("ids=" + tooMany, "ids=", "ids=a,,b", "ids=a%27%3B", "ids=a&cursor=x",
                "ids=a&email=a@example.com", "ids=a&includeArchived=true")) {
            CustomerHttp.Response refused = http.get("/v1/customers?" + query);
            assertThat(refused.status()).as(query).isEqualTo(422);
            assertThat(refused.json().get("code").asText()).isEqualTo("validation_failed");
            assertThat(refused.json().get("errors").get(0).get("field").asText()).isEqualTo("ids");
        }
    }

    private static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.get("data").forEach(c -> ids.add(c.get("id").asText()));
        return ids;
    }
}
