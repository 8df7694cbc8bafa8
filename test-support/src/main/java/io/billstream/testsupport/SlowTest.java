package io.billstream.testsupport;

import org.junit.jupiter.api.Tag;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A test that is not part of {@code ./billstream test}: benchmarks and other runs of minutes. It carries the JUnit
 * tag {@value #TAG}, the one mark for such tests in the whole build (system-tests, which does not depend on this
 * module, puts the same tag on its fault suite). The build leaves them out unless asked with the one switch
 * {@code -Dbillstream.slow=true} (docs/system-tests.md, "Slow tests").
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@Tag(SlowTest.TAG)
public @interface SlowTest {

    String TAG = "slow";
}
