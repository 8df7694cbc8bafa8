package io.billstream.invoice.settings.web;

import io.billstream.invoice.settings.domain.SettingsNumberFormat;
import io.billstream.platform.money.CurrencyCodes;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Settings checks Bean Validation has no built-in for. */
public final class SettingsConstraints {

    private SettingsConstraints() {
    }

    /** An ISO 4217 code the platform can invoice in. */
    @Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.METHOD})
    @Retention(RetentionPolicy.RUNTIME)
    @Constraint(validatedBy = CurrencyValidator.class)
    public @interface Currency {
        String message() default "must be an ISO 4217 currency code such as EUR";

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};
    }

    /** See {@link SettingsNumberFormat}. */
    @Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.METHOD})
    @Retention(RetentionPolicy.RUNTIME)
    @Constraint(validatedBy = NumberFormatValidator.class)
    public @interface NumberFormat {
        String message() default "must contain one {seq} or {seq:N} token (N 1-9), may contain {yyyy} or {yy} "
                + "and literal text without other braces, at most 100 characters";

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};
    }

    public static final class CurrencyValidator implements ConstraintValidator<Currency, String> {
        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return value == null || CurrencyCodes.isValid(value);
        }
    }

    public static final class NumberFormatValidator implements ConstraintValidator<NumberFormat, String> {
        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return value == null || SettingsNumberFormat.isValid(value);
        }
    }
}
