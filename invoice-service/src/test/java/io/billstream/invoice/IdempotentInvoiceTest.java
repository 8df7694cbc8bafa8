package io.billstream.invoice;

import io.billstream.platform.idempotency.IdempotentRequestFilter;
import io.billstream.platform.security.InternalTokenService;
import io.billstream.testsupport.ServiceIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/api-reference.md §2 across crashes in the event-sourced service: the Idempotency-Key is recorded in the same PostgreSQL
 * transaction as the Axon event append, so the two commit or roll back together, and a retry whose first answer
 * was lost replays it instead of appending again.
 */
@ServiceIntegrationTest
class IdempotentInvoiceTest {

    private static final String LINE = """
            {"description": "Hosting", "kind": "expense", "quantity": 1, "unitPrice": "49.99"}""";

    @Autowired
    InternalTokenService tokens;
    @Autowired
    JdbcTemplate jdbc;
    @Value("${local.server.port}")
    int port;
    InvoiceHttp http;

    @BeforeEach
    void tenant() {
        http = new InvoiceHttp(tokens, port);
    }

    @Test
    void creatingPostsRetriedAfterALostAnswerReplayTheFirstResource() {
        String customerBody = """
                {"name": "Globex", "email": "billing@example.com"}""";
        String customerKey = key();
        var customer = http.post("/v1/customers", customerBody, customerKey, "fp-customer");
        var customerAgain = http.post("/v1/customers", customerBody, customerKey, "fp-customer");
        assertThat(customer.status()).as(customer.json().toString()).isEqualTo(201);
        assertThat(customerAgain.status()).isEqualTo(201);
        assertThat(customerAgain.header(IdempotentRequestFilter.REPLAYED)).isEqualTo("true");
        assertThat(customerAgain.text("id")).isEqualTo(customer.text("id"));

        String invoiceBody = """
                {"customerId": "%s", "currency": "USD"}""".formatted(customer.text("id"));
        String invoiceKey = key();
        var created = http.post("/v1/invoices", invoiceBody, invoiceKey, "fp-invoice");
        assertThat(created.status()).isEqualTo(201);
        String id = created.text("id");
        int eventsAfterFirst = events(id);

        var replayed = http.post("/v1/invoices", invoiceBody, invoiceKey, "fp-invoice");

        assertThat(replayed.status()).isEqualTo(201);
        assertThat(replayed.header(IdempotentRequestFilter.REPLAYED)).isEqualTo("true");
        assertThat(replayed.text("id")).isEqualTo(id);
        assertThat(replayed.header("Location")).isEqualTo("/v1/invoices/" + id);
        assertThat(replayed.header("ETag")).isEqualTo(created.header("ETag"));
        assertThat(createdInvoicesOfTenant()).isEqualTo(1);
        assertThat(events(id)).isEqualTo(eventsAfterFirst);

        String lineKey = key();
        var line = http.post("/v1/invoices/" + id + "/line-items", LINE, lineKey, "fp-line");
        var lineAgain = http.post("/v1/invoices/" + id + "/line-items", LINE, lineKey, "fp-line");
        assertThat(lineAgain.header("Location")).isEqualTo(line.header("Location"));
        String issueKey = key();
        var issued = http.post("/v1/invoices/" + id + "/issue", null, issueKey, "fp-issue");
        var issuedAgain = http.post("/v1/invoices/" + id + "/issue", null, issueKey, "fp-issue");
        assertThat(issued.status()).isEqualTo(200);
        assertThat(issuedAgain.status()).isEqualTo(200);
        assertThat(issuedAgain.header(IdempotentRequestFilter.REPLAYED)).isEqualTo("true");
        assertThat(issuedAgain.text("number")).isEqualTo(issued.text("number"));
        // created, one line, issued: nothing appended twice
        assertThat(events(id)).isEqualTo(eventsAfterFirst + 2);

        var reused = http.post("/v1/invoices/" + id + "/issue", "{}", issueKey, "fp-other");
        assertThat(reused.status()).isEqualTo(409);
        assertThat(reused.text("code")).isEqualTo("idempotency_key_reused");
    }

    @Test
    void whenTheKeyCannotBeStoredTheEventAppendRollsBack() {
        String id = http.draft();
        int before = events(id);
        String key = key();
        jdbc.execute("""
                create or replace function idempotency_boom() returns trigger language plpgsql as $$
                begin raise exception 'boom'; end $$""");
        jdbc.execute("create trigger idempotency_boom before update on idempotency_key for each row when "
                + "(new.idempotency_key = '" + key + "') execute function idempotency_boom()");
        try {
            var failed = http.post("/v1/invoices/" + id + "/line-items", LINE, key, "fp");
            assertThat(failed.status()).isEqualTo(503);
        } finally {
            jdbc.execute("drop trigger idempotency_boom on idempotency_key");
        }

        assertThat(events(id)).as("the appended LineItemAdded rolled back with the key").isEqualTo(before);
        assertThat(keyRows(key)).isZero();
        var retried = http.post("/v1/invoices/" + id + "/line-items", LINE, key, "fp");
        assertThat(retried.status()).isEqualTo(201);
        assertThat(events(id)).isEqualTo(before + 1);
    }

    @Test
    void whenTheEventAppendFailsTheKeyRollsBack() {
        String id = http.draft();
        int before = events(id);
        String key = key();
        jdbc.execute("""
                create or replace function append_boom() returns trigger language plpgsql as $$
                begin raise exception 'boom'; end $$""");
        jdbc.execute("create trigger append_boom before insert on domain_event_entry for each row when "
                + "(new.aggregate_identifier = '" + id + "') execute function append_boom()");
        try {
            var failed = http.post("/v1/invoices/" + id + "/line-items", LINE, key, "fp");
            assertThat(failed.status()).isGreaterThanOrEqualTo(500);
        } finally {
            jdbc.execute("drop trigger append_boom on domain_event_entry");
        }

        assertThat(keyRows(key)).as("the key rolled back with the failed append").isZero();
        assertThat(events(id)).isEqualTo(before);
        var retried = http.post("/v1/invoices/" + id + "/line-items", LINE, key, "fp");
        assertThat(retried.status()).isEqualTo(201);
        assertThat(retried.header(IdempotentRequestFilter.REPLAYED)).isNull();
    }

    @Test
    void concurrentKeyedCommandsOnOneDraftAllApplyOnce() throws Exception {
        String id = http.draft();
        int before = events(id);
        int clients = 12;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<InvoiceHttp.Res>> answers = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                String body = """
                        {"description": "Line %d", "kind": "service", "quantity": 1, "unitPrice": "10.00"}""".formatted(i);
                answers.add(pool.submit(() -> {
                    start.await();
                    // as a client does: a 503 (still losing the race after the service's own re-runs) is repeated
                    // with the same key, and must then apply once
                    String key = key();
                    InvoiceHttp.Res res = http.post("/v1/invoices/" + id + "/line-items", body, key, "fp");
                    for (int retry = 0; retry < 5 && res.status() == 503; retry++) {
                        res = http.post("/v1/invoices/" + id + "/line-items", body, key, "fp");
                    }
                    return res;
                }));
            }
            start.countDown();
            for (Future<InvoiceHttp.Res> answer : answers) {
                InvoiceHttp.Res res = answer.get();
                assertThat(res.status()).as(String.valueOf(res.json())).isEqualTo(201);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(events(id)).isEqualTo(before + clients);
    }

    private static String key() {
        return "k-" + UUID.randomUUID();
    }

    private int events(String aggregateId) {
        return jdbc.queryForObject("select count(*) from domain_event_entry where aggregate_identifier = ?",
                Integer.class, aggregateId);
    }

    private int createdInvoicesOfTenant() {
        return jdbc.queryForObject("""
                select count(*) from domain_event_entry
                where payload_type like '%InvoiceCreated' and convert_from(meta_data, 'UTF8') like ?""",
                Integer.class, "%" + http.tenant + "%");
    }

    private int keyRows(String key) {
        return jdbc.queryForObject("select count(*) from idempotency_key where idempotency_key = ?", Integer.class, key);
    }
}
