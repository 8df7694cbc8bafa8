package io.billstream.systemtest;

import org.junit.jupiter.api.Tag;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The long fault suite (minutes each): slow tests (the build's one tag for them, {@code slow}), so they run only
 * with {@code -Dbillstream.slow=true} and the default {@code ./billstream test} stays within the CI budget (the
 * story, the burst and one kill test always run). The tag {@code faults} picks the fault suite alone among the slow
 * tests: {@code -Dbillstream.slow=true -Dgroups=faults}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag("slow")
@Tag("faults")
@interface FaultTest {
}
