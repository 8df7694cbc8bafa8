package io.billstream.gateway;

import io.billstream.platform.security.Actor;
import io.billstream.platform.security.ActorType;
import io.billstream.platform.security.Caller;
import io.billstream.platform.security.InternalTokenService;
import io.billstream.platform.security.TenantId;
import io.billstream.testsupport.SlowTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.function.IntFunction;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Gateway overhead per request: the same stand-in service called directly (with an internal token, as the gateway
 * would send) and through the gateway (user token, API key, POST with Idempotency-Key). Sequential requests from
 * one client on this machine; prints p50/p99 and writes them to target/gateway-overhead.txt.
 * A slow test, not part of {@code ./billstream test}; run it alone:
 * {@code mvn -pl gateway -am test -Dbillstream.slow=true -Dtest=GatewayOverheadBenchmark
 * -Dsurefire.failIfNoSpecifiedTests=false [-Dbenchmark.requests=2000]}.
 */
@SlowTest
class GatewayOverheadBenchmark extends GatewayIntegrationTest {

    static {
        // the benchmark must not measure the rate limiter's 429s (takes effect when this class starts the context)
        for (String scope : new String[]{"tenant", "api-key"}) {
            System.setProperty("billstream.gateway.rate-limit." + scope + ".requests-per-second", "1000000");
            System.setProperty("billstream.gateway.rate-limit." + scope + ".burst", "1000000");
        }
    }

    private static final int REQUESTS = Integer.getInteger("benchmark.requests", 2000);
    private static final int WARM_UP = Math.max(200, REQUESTS / 5);

    @Autowired
    InternalTokenService tokens;

    @Test
    void measure() throws IOException {
        Account account = signUp();
        String apiKey = createKey(account.token(), "read_write").path("key").asText();
        String internal = tokens.mint(new Caller(new TenantId(account.tenantId()),
                new Actor(ActorType.USER, account.userId()), account.organization(), true));
        URI direct = URI.create(StandIns.invoiceA.url() + "/v1/customers");

        StringBuilder report = new StringBuilder("gateway overhead, %d sequential requests each after %d warm-up (ms)%n"
                .formatted(REQUESTS, WARM_UP));
        double[] baseline = run(report, "direct to stand-in  GET", i -> HttpRequest.newBuilder(direct)
                .header(InternalTokenService.HEADER, internal).GET().build());
        double[] viaToken = run(report, "gateway, user token GET", i -> HttpRequest.newBuilder(uri("/v1/customers"))
                .header("Authorization", "Bearer " + account.token()).GET().build());
        run(report, "gateway, API key    GET", i -> HttpRequest.newBuilder(uri("/v1/customers"))
                .header("Authorization", "Bearer " + apiKey).GET().build());
        run(report, "direct to stand-in  POST", i -> HttpRequest.newBuilder(direct)
                .header(InternalTokenService.HEADER, internal).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\": \"n" + i + "\"}")).build());
        run(report, "gateway, POST + Idempotency-Key", i -> HttpRequest.newBuilder(uri("/v1/customers"))
                .header("Authorization", "Bearer " + account.token()).header("Content-Type", "application/json")
                .header("Idempotency-Key", unique("bench-"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\": \"n" + i + "\"}")).build());
        report.append("overhead GET (user token): p50 %.2f ms, p99 %.2f ms%n".formatted(
                percentile(viaToken, 50) - percentile(baseline, 50), percentile(viaToken, 99) - percentile(baseline, 99)));

        System.out.print(report);
        Files.writeString(Path.of("target", "gateway-overhead.txt"), report);
    }

    private double[] run(StringBuilder report, String label, IntFunction<HttpRequest> request) {
        for (int i = 0; i < WARM_UP; i++) {
            call(request.apply(i));
        }
        double[] millis = new double[REQUESTS];
        for (int i = 0; i < REQUESTS; i++) {
            HttpRequest r = request.apply(i);
            long start = System.nanoTime();
            call(r);
            millis[i] = (System.nanoTime() - start) / 1_000_000.0;
        }
        Arrays.sort(millis);
        report.append("%-34s p50 %6.2f  p99 %6.2f  max %7.2f%n".formatted(label, percentile(millis, 50),
                percentile(millis, 99), millis[millis.length - 1]));
        return millis;
    }

    private static void call(HttpRequest request) {
        try {
            HttpResponse<Void> response = HTTP.send(request, HttpResponse.BodyHandlers.discarding());
            assertThat(response.statusCode()).isBetween(200, 201);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static double percentile(double[] sorted, int p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }
}
