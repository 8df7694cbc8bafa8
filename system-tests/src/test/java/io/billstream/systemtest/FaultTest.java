package io.billstream.systemtest;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The long fault suite (minutes each): runs only with {@code BILLSTREAM_FAULT_TESTS=true}, so the default
 * {@code ./billstream test} stays within the CI budget (the story, the burst and one kill test always run).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag("faults")
@EnabledIfEnvironmentVariable(named = "BILLSTREAM_FAULT_TESTS", matches = "true",
        disabledReason = "fault suite: set BILLSTREAM_FAULT_TESTS=true")
@interface FaultTest {
}
