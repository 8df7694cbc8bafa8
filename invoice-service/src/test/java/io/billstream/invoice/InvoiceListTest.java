package io.billstream.invoice;

import com.fasterxml.jackson.databind.JsonNode;
import io.billstream.platform.security.InternalTokenService;
import io.billstream.testsupport.ServiceIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@ServiceIntegrationTest
class InvoiceListTest {

    @Autowired
    InternalTokenService tokens;
    @Value("${local.server.port}")
    int port;

    @Test
    void listsNewestFirstWithFiltersAndStableCursor() {
        InvoiceHttp http = new InvoiceHttp(tokens, port);
        String alice = http.customer("Alice Ltd");
        String bob = http.customer("Bob GmbH");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            ids.add(http.draft(alice));
        }
        String bobs = http.draft(bob);
        String number = http.post("/v1/invoices/" + ids.get(1) + "/issue", "{}").text("number");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(http.get("/v1/invoices?status=open").json().get("data")).hasSize(1));

        var open = http.get("/v1/invoices?status=open").json().get("data").get(0);
        assertThat(open.get("id").asText()).isEqualTo(ids.get(1));
        assertThat(open.get("total").asText()).isEqualTo("1785.00");
        assertThat(http.get("/v1/invoices?number=" + number).json().get("data").get(0).get("id").asText())
                .isEqualTo(ids.get(1));
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        assertThat(http.get("/v1/invoices?issuedFrom=" + today + "&issuedTo=" + today).json().get("data")).hasSize(1);
        assertThat(http.get("/v1/invoices?dueBefore=" + today.plusDays(15)).json().get("data")).hasSize(1);
        assertThat(http.get("/v1/invoices?dueBefore=" + today).json().get("data")).isEmpty();
        assertThat(ids(http.get("/v1/customers/" + bob + "/invoices").json())).containsExactly(bobs);

        List<String> paged = new ArrayList<>();
        JsonNode page = http.get("/v1/invoices?customerId=" + alice + "&limit=3").json();
        paged.addAll(ids(page));
        String cursor = page.get("nextCursor").asText();
        String newer = http.draft(alice);   // inserted between pages: must not shift the second page
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(ids(http.get("/v1/invoices?customerId=" + alice).json())).contains(newer));
        page = http.get("/v1/invoices?customerId=" + alice + "&limit=3&cursor=" + cursor).json();
        paged.addAll(ids(page));
        assertThat(page.get("nextCursor").isNull()).isTrue();
        assertThat(paged).containsExactly(ids.get(3), ids.get(2), ids.get(1), ids.get(0));

        InvoiceHttp other = new InvoiceHttp(tokens, port);
        assertThat(other.get("/v1/invoices").json().get("data")).isEmpty();
        assertThat(other.get("/v1/customers/" + alice + "/invoices").status()).isEqualTo(404);
        assertThat(http.get("/v1/customers/cus_unknown/invoices").status()).isEqualTo(404);
    }

    private static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.get("data").forEach(n -> ids.add(n.get("id").asText()));
        return ids;
    }
}
