package io.billstream.webhook;

import io.billstream.testsupport.ServiceIntegrationTest;
import io.billstream.webhook.persistence.EndpointRepository;
import io.billstream.webhook.support.Api;
import io.billstream.webhook.support.Events;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Events are routed from each tenant's subscriptions held in memory (persistence.EndpointRepository): a change must
 * reach them at once, whether this instance made it or another one did.
 */
@ServiceIntegrationTest
class EndpointRoutingCacheTest extends WebhookTestBase {

    @Autowired
    EndpointRepository endpoints;

    @Test
    void anEndpointChangedHereRoutesTheVeryNextEvent() {
        Api api = newTenant();
        String url = receiver.path();
        String id = createEndpoint(api, url, "[\"invoice.issued\"]").get("id").asText();
        Events.Sent issued = events().sendInvoiceEvent(api.tenant(), "invoice.issued");
        await().atMost(WAIT).until(() -> receiver.requests(url).size() == 1);

        assertThat(api.patch("/v1/webhook-endpoints/" + id, "{\"events\":[\"invoice.paid\"]}").status())
                .isEqualTo(200);
        events().send(events().build(api.tenant(), "invoice.issued", issued.subject(), issued.data()));
        Events.Sent paid = events().send(events().build(api.tenant(), "invoice.paid", issued.subject(),
                issued.data()));

        await().atMost(WAIT).until(() -> receiver.requests(url).size() == 2);
        assertThat(receiver.requests(url)).extracting(r -> type(r.body()))
                .as("the second invoice.issued came after the filter changed").containsExactly("invoice.issued",
                        "invoice.paid");
        assertThat(paid.id()).isNotEqualTo(issued.id());
    }

    @Test
    void anEndpointChangedByAnotherInstanceReachesThisOnesRouting() {
        Api api = newTenant();
        String url = receiver.path();
        String id = createEndpoint(api, url, "[\"invoice.issued\"]").get("id").asText();
        assertThat(endpoints.matching(api.tenant(), "invoice.issued")).containsExactly(id);

        // what another instance's PATCH or disabling writes; only the table's notification tells this instance
        jdbc.update("update webhook_endpoint set events = '{invoice.paid}' where id = ?", id);
        await().atMost(WAIT).until(() -> endpoints.matching(api.tenant(), "invoice.issued").isEmpty());
        assertThat(endpoints.matching(api.tenant(), "invoice.paid")).containsExactly(id);

        jdbc.update("update webhook_endpoint set status = 'disabled' where id = ?", id);
        await().atMost(WAIT).until(() -> endpoints.matching(api.tenant(), "invoice.paid").isEmpty());

        jdbc.update("""
                insert into webhook_endpoint (id, tenant_id, url, events, status, secret, version, created_at, updated_at)
                values ('we_other_instance', ?, ?, '{*}', 'enabled', 'whsec_x', 1, now(), now())""",
                api.tenant(), url);
        await().atMost(WAIT).until(() -> endpoints.matching(api.tenant(), "invoice.voided"),
                ids -> ids.contains("we_other_instance"));
        jdbc.update("delete from webhook_endpoint where id = 'we_other_instance'");
        await().atMost(WAIT).until(() -> endpoints.matching(api.tenant(), "invoice.voided").isEmpty());
    }

    private String type(String body) {
        try {
            return mapper.readTree(body).get("type").asText();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
