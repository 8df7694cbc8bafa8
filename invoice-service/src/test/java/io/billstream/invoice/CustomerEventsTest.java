package io.billstream.invoice;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.billstream.platform.events.Topics;
import io.billstream.platform.security.InternalTokenService;
import io.billstream.testsupport.KafkaProbe;
import io.billstream.testsupport.ServiceIntegrationTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.env.Environment;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@ServiceIntegrationTest
class CustomerEventsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    InternalTokenService tokens;
    @Autowired
    Environment environment;
    @Value("${local.server.port}")
    int port;

    @Test
    void createUpdateAndArchivePublishCustomerSnapshotsKeyedByCustomerInVersionOrder() throws Exception {
        CustomerHttp http = new CustomerHttp(tokens, port);
        JsonNode created = http.post("/v1/customers", """
                {"name": "Wayne Enterprises", "email": "ap@wayne.example",
                 "address": {"line1": "1007 Mountain Drive", "city": "Gotham", "postalCode": "10001", "country": "US"},
                 "taxId": "US-99", "locale": "en-US", "metadata": {"tier": "gold"}}""").json();
        String id = created.get("id").asText();
        JsonNode patched = http.patch("/v1/customers/" + id, "{\"name\": \"Wayne Ent.\"}", Map.of()).json();
        assertThat(http.delete("/v1/customers/" + id).status()).isEqualTo(204);

        try (KafkaProbe probe = new KafkaProbe(environment.getRequiredProperty("spring.kafka.bootstrap-servers"),
                Topics.CUSTOMER)) {
            List<ConsumerRecord<String, String>> records =
                    probe.await(r -> id.equals(r.key()), 3, Duration.ofSeconds(30));
            List<JsonNode> events = records.stream().map(r -> read(r.value())).toList();

            assertThat(events).extracting(e -> e.get("type").asText())
                    .containsExactly("customer.created", "customer.updated", "customer.updated");
            assertThat(events).extracting(e -> e.get("sequence").asLong()).containsExactly(1L, 2L, 3L);
            for (JsonNode event : events) {
                assertThat(event.get("specversion").asText()).isEqualTo("1.0");
                assertThat(event.get("id").asText()).startsWith("evt_");
                assertThat(event.get("source").asText()).isEqualTo("billstream/invoice-service");
                assertThat(event.get("subject").asText()).isEqualTo(id);
                assertThat(event.get("tenantid").asText()).isEqualTo(http.tenant);
            }
            assertThat(events.get(0).get("data")).isEqualTo(created);
            assertThat(events.get(1).get("data")).isEqualTo(patched);
            JsonNode archived = events.get(2).get("data");
            assertThat(archived.get("archived").asBoolean()).isTrue();
            assertThat(archived.get("version").asLong()).isEqualTo(3);
            assertThat(archived.get("name").asText()).isEqualTo("Wayne Ent.");
            assertThat(archived).isEqualTo(http.get("/v1/customers/" + id).json());
        }
    }

    @Test
    void refusedChangesPublishNothing() {
        CustomerHttp http = new CustomerHttp(tokens, port);
        String id = http.createCustomer("Quiet", "quiet@example.com");
        assertThat(http.patch("/v1/customers/" + id, "{\"email\": \"not-an-email\"}", Map.of()).status())
                .isEqualTo(422);
        assertThat(http.patch("/v1/customers/" + id, "{\"name\": \"X\"}", Map.of("If-Match", "\"7\"")).status())
                .isEqualTo(412);
        String marker = http.createCustomer("Marker", "marker@example.com");

        try (KafkaProbe probe = new KafkaProbe(environment.getRequiredProperty("spring.kafka.bootstrap-servers"),
                Topics.CUSTOMER)) {
            // The relay sends in commit order, so once the later customer's event is there the earlier ones are too.
            probe.await(r -> marker.equals(r.key()), 1, Duration.ofSeconds(30));
            assertThat(probe.seen()).filteredOn(r -> id.equals(r.key())).hasSize(1);
        }
    }

    private static JsonNode read(String value) {
        try {
            return JSON.readTree(value);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + value, e);
        }
    }
}
