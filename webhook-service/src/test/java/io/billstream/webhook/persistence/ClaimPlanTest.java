package io.billstream.webhook.persistence;

import io.billstream.testsupport.ServiceIntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The claim and the next-due look-up walk the due index, whatever the statistics say: an endpoint with thousands of
 * delivered messages, not yet analyzed, once made each claim read all of them, and bitmap scans of the due index
 * left the dead entries of delivered messages for every later claim to visit again.
 */
@ServiceIntegrationTest
class ClaimPlanTest {

    static final int DELIVERED = 5_000;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    TransactionTemplate tx;

    final String endpoint = "we_plan" + UUID.randomUUID().toString().replace("-", "");

    @BeforeEach
    void anEndpointWithAHistory() {
        jdbc.update("""
                insert into webhook_endpoint (id, tenant_id, url, events, status, secret, created_at, updated_at)
                values (?, 'ten_plan', 'http://127.0.0.1:9/', '{invoice.paid}', 'enabled', 'whsec_plan', now(),
                        now())""", endpoint);
        jdbc.update("""
                insert into webhook_message (id, tenant_id, endpoint_id, event_id, type, payload, status,
                                             next_attempt_at, created_at, updated_at)
                select 'msg_plan_' || ? || '_' || i, 'ten_plan', ?, 'evt_plan_' || i, 'invoice.paid', '{}',
                       'delivered', null, now(), now()
                from generate_series(1, ?) i""", endpoint, endpoint, DELIVERED);
    }

    @AfterEach
    void removeIt() {
        jdbc.update("delete from webhook_endpoint where id = ?", endpoint);
    }

    /** A plain index scan: it marks the dead entries of delivered messages as it passes them, a bitmap scan does not. */
    @Test
    void theClaimWalksTheDueIndex() {
        assertThat(plan(DeliveryRepository.CLAIM, "{}", 64, 30_000, UUID.randomUUID()))
                .contains("Index Scan using webhook_message_due").doesNotContain("Bitmap")
                .doesNotContain("webhook_message_by_endpoint");
    }

    @Test
    void theNextDueLookUpWalksTheDueIndex() {
        assertThat(plan(DeliveryRepository.NEXT_DUE, "{}"))
                .contains("Index Scan using webhook_message_due").doesNotContain("Bitmap")
                .doesNotContain("webhook_message_by_endpoint");
    }

    /**
     * Which plan PostgreSQL picks depends on statistics the test cannot pin down; so take the due index and
     * sequential scans away (in a transaction that is rolled back) and see what is left: a query that could be
     * driven by the endpoint's history would be now.
     */
    @Test
    void neitherCanBeDrivenByTheEndpointsHistoryEvenWhenThePlannerWouldLikeTo() {
        List<String> plans = tx.execute(status -> {
            jdbc.execute("drop index webhook_message_due");
            jdbc.execute("set local enable_seqscan = off");
            List<String> both = List.of(plan(DeliveryRepository.CLAIM, "{}", 64, 30_000, UUID.randomUUID()),
                    plan(DeliveryRepository.NEXT_DUE, "{}"));
            status.setRollbackOnly();
            return both;
        });

        assertThat(plans).allSatisfy(plan -> assertThat(plan).doesNotContain("webhook_message_by_endpoint"));
        assertThat(jdbc.queryForObject("select count(*) from pg_indexes where indexname = 'webhook_message_due'",
                Integer.class)).as("the index is back").isEqualTo(1);
    }

    private String plan(String sql, Object... args) {
        return String.join("\n", jdbc.queryForList("explain " + sql, String.class, args));
    }
}
