package io.billstream.invoice;

import io.billstream.platform.errors.DomainException;
import io.billstream.platform.errors.FieldViolation;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;

/** Matchers for Axon fixtures' {@code expectException}: a refusal by its stable code (and field). */
public final class DomainErrors {

    private DomainErrors() {
    }

    public static Matcher<DomainException> code(String code) {
        return code(code, null);
    }

    public static Matcher<DomainException> code(String code, String field) {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(DomainException e) {
                return e.code().code().equals(code) && (field == null
                        || e.errors().stream().map(FieldViolation::field).anyMatch(field::equals));
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("DomainException with code " + code + (field == null ? "" : " on " + field));
            }
        };
    }
}
