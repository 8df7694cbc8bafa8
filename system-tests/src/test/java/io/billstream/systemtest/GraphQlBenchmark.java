package io.billstream.systemtest;

import com.fasterxml.jackson.databind.JsonNode;
import io.billstream.systemtest.support.Api;
import io.billstream.systemtest.support.Reply;
import io.billstream.systemtest.support.SystemStack;
import io.billstream.systemtest.support.Tenant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard's invoice page: one GraphQL query (invoice + customer + payments + history) against the REST calls
 * that fetch the same (GET invoice, GET customer, GET payments?invoiceId, GET history), same stack, same run,
 * alternating rounds. Latency per page (sequential, one client) and CPU per page of every stack process (from
 * {@code /proc}). A slow test, only on request:
 * {@code -Dbillstream.slow=true -Dtest=GraphQlBenchmark [-Dgraphql.benchmark.pages=300]}; results in
 * {@code system-tests/target/graphql-bench.txt}. Nothing about speed is asserted; the answers are checked equal.
 */
@Tag("slow")
class GraphQlBenchmark extends SystemTestBase {

    private static final String QUERY = """
            query Page($id: ID!) { invoice(id: $id) { id number status total amountDue currency
              lineItems { description quantity unitPrice amount }
              customer { id name email } payments { id amount paidAt } history { sequence type occurredAt } pdfUrl } }""";

    @Test
    void oneGraphQlQueryAgainstFourRestCalls() throws Exception {
        int pages = Integer.getInteger("graphql.benchmark.pages", 300);
        Tenant tenant = Tenant.signUp("gqlbench");
        String customer = tenant.createCustomer("Bench");
        String invoice = issueInvoices(tenant, customer, 1, "100.00", 1).getFirst();
        GraphQlTest.pay(tenant, invoice, "30.00");
        Api api = tenant.key();

        // equal content first: the comparison is only fair if both fetch the same
        JsonNode viaGraphQl = GraphQlTest.data(GraphQlTest.gql(api, QUERY, Map.of("id", invoice))).path("invoice");
        List<Reply> viaRest = rest(api, invoice, customer);
        assertThat(viaGraphQl.path("customer").path("name").asText()).isEqualTo(viaRest.get(1).str("name"));
        assertThat(viaGraphQl.path("payments").size()).isEqualTo(viaRest.get(2).json().path("data").size());
        assertThat(viaGraphQl.path("history").size()).isEqualTo(viaRest.get(3).json().path("data").size());

        for (int i = 0; i < 100; i++) {   // warm-up, not measured
            GraphQlTest.gql(api, QUERY, Map.of("id", invoice));
            rest(api, invoice, customer);
        }
        List<Double> graphQlMs = new ArrayList<>();
        List<Double> restMs = new ArrayList<>();
        long graphQlCpu = 0;
        long restCpu = 0;
        int rounds = 10;
        for (int round = 0; round < rounds; round++) {
            long cpu = stackCpuTicks();
            for (int i = 0; i < pages / rounds; i++) {
                long started = System.nanoTime();
                Reply reply = api.post("/v1/graphql", Map.of("query", QUERY, "variables", Map.of("id", invoice)));
                graphQlMs.add((System.nanoTime() - started) / 1e6);
                assertThat(reply.status()).isEqualTo(200);
            }
            graphQlCpu += stackCpuTicks() - cpu;
            cpu = stackCpuTicks();
            for (int i = 0; i < pages / rounds; i++) {
                long started = System.nanoTime();
                rest(api, invoice, customer);
                restMs.add((System.nanoTime() - started) / 1e6);
            }
            restCpu += stackCpuTicks() - cpu;
        }
        double tickMs = 1000.0 / 100;   // USER_HZ
        String report = String.format("""
                GraphQL vs REST for one invoice page (invoice + customer + payments + history), %d pages each, \
                sequential, one client, alternating rounds of %d, load average %s
                GraphQL, 1 request    p50 %7.2f ms  p99 %7.2f ms  stack CPU %6.2f ms/page
                REST,    4 requests   p50 %7.2f ms  p99 %7.2f ms  stack CPU %6.2f ms/page
                """, graphQlMs.size(), pages / rounds, Files.readString(Path.of("/proc/loadavg")).trim(),
                percentile(graphQlMs, 50), percentile(graphQlMs, 99), graphQlCpu * tickMs / graphQlMs.size(),
                percentile(restMs, 50), percentile(restMs, 99), restCpu * tickMs / restMs.size());
        System.out.println(report);
        Files.writeString(SystemStack.ROOT.resolve("system-tests/target/graphql-bench.txt"), report);
    }

    private static List<Reply> rest(Api api, String invoice, String customer) {
        List<Reply> replies = List.of(api.get("/v1/invoices/" + invoice), api.get("/v1/customers/" + customer),
                api.get("/v1/payments?invoiceId=" + invoice), api.get("/v1/invoices/" + invoice + "/history"));
        replies.forEach(r -> assertThat(r.status()).as(r.describe()).isEqualTo(200));
        return replies;
    }

    /** utime + stime of every process the launcher started (the services, the gateway, Kafka). */
    private static long stackCpuTicks() throws IOException {
        long ticks = 0;
        try (var files = Files.list(SystemStack.PIDS)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".pid")).toList()) {
                String pid = Files.readString(file).trim();
                Path stat = Path.of("/proc", pid, "stat");
                if (Files.exists(stat)) {
                    String text = Files.readString(stat);
                    String[] fields = text.substring(text.lastIndexOf(')') + 2).split(" ");
                    ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
                }
            }
        }
        return ticks;
    }

    private static double percentile(List<Double> values, int p) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }
}
