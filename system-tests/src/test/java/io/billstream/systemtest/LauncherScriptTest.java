package io.billstream.systemtest;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The launcher's failure paths (issue 15): a failed {@code up} stops exactly what it started, a restart keeps the
 * crashed run's log, and a plain {@code up} restarts a killed {@code payment-service-1} of a two-instance stack
 * without stopping anything healthy. The cases live in {@code src/test/launcher/launcher-test.sh}, against
 * stand-in processes on offset ports, so this never touches the stack the other system tests use.
 */
@Order(0)
class LauncherScriptTest {

    @Test
    void theLaunchersFailurePathsHold() throws Exception {
        Process process = new ProcessBuilder("bash", "src/test/launcher/launcher-test.sh")
                .directory(new File(".").getAbsoluteFile())
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).contains(" passed, 0 failed");
    }
}
