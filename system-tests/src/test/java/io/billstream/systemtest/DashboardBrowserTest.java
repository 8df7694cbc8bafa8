package io.billstream.systemtest;

import io.billstream.systemtest.support.SystemStack;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The web dashboard in a real browser against the launched stack: runs {@code npm run e2e} in dashboard/ (Debian
 * Chromium driven by playwright-core, see dashboard/e2e/run.mjs) and fails on a non-zero exit. The launcher has
 * already built the app (`npm ci` + `vite build`) and the gateway serves it at {@code /}. Screenshots and the axe
 * report land in system-tests/target/dashboard-e2e/, its output in system-tests/target/dashboard-e2e.log.
 */
@Order(4)
class DashboardBrowserTest extends SystemTestBase {

    private static final Path DASHBOARD = SystemStack.ROOT.resolve("dashboard");
    private static final Path OUTPUT = SystemStack.ROOT.resolve("system-tests/target/dashboard-e2e");

    @Test
    void theDashboardStoryInChromium() throws IOException, InterruptedException {
        stack();
        Path chromium = Path.of(System.getenv().getOrDefault("CHROMIUM_PATH", "/usr/bin/chromium"));
        assertThat(chromium).as("Debian chromium (apt-get install -y chromium; .ci/run installs it)").isExecutable();
        assertThat(DASHBOARD.resolve("node_modules/playwright-core")).as("npm ci in dashboard/ (the launcher runs it)")
                .isDirectory();
        // beside the output directory, which the e2e run empties when it starts
        Path log = OUTPUT.resolveSibling("dashboard-e2e.log");
        Files.createDirectories(OUTPUT.getParent());
        ProcessBuilder builder = new ProcessBuilder("npm", "run", "e2e").directory(DASHBOARD.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("BASE_URL", "http://127.0.0.1:8080");
        builder.environment().put("E2E_OUTPUT", OUTPUT.toString());
        builder.environment().put("CHROMIUM_PATH", chromium.toString());
        Instant begin = Instant.now();
        Process process = builder.start();
        boolean finished = process.waitFor(10, TimeUnit.MINUTES);
        if (!finished) {
            process.descendants().forEach(ProcessHandle::destroy);
            process.destroyForcibly();
        }
        String output = Files.readString(log);
        System.out.println(output);
        System.out.printf("dashboard e2e took %d s%n", Duration.between(begin, Instant.now()).toSeconds());
        assertThat(finished).as("the browser tests finish within 10 minutes").isTrue();
        assertThat(process.exitValue()).as("npm run e2e exit code; output:%n%s", output).isZero();
        assertThat(output).containsPattern("\\d+ passed, 0 failed");
        try (var screens = Files.list(OUTPUT.resolve("screens"))) {
            assertThat(screens.count()).as("a screenshot of each screen").isGreaterThan(15);
        }
    }
}
