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

    /** An EU-style VAT identification number: two-letter country prefix and 2–13 letters or digits (EL for Greece). */
    @Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.METHOD})
    @Retention(RetentionPolicy.RUNTIME)
    @Constraint(validatedBy = VatIdValidator.class)
    public @interface VatId {
        String message() default "must be a VAT identification number: a two-letter country prefix and 2 to 13 "
                + "letters or digits, such as DE123456789";

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};
    }

    /** An IBAN (ISO 13616) whose mod-97 check digits are right; spaces allowed. */
    @Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.METHOD})
    @Retention(RetentionPolicy.RUNTIME)
    @Constraint(validatedBy = IbanValidator.class)
    public @interface Iban {
        String message() default "must be a valid IBAN such as DE89 3704 0044 0532 0130 00";

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};
    }

    /** A BIC (ISO 9362): 8 or 11 characters. */
    @Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.METHOD})
    @Retention(RetentionPolicy.RUNTIME)
    @Constraint(validatedBy = BicValidator.class)
    public @interface Bic {
        String message() default "must be a BIC of 8 or 11 characters such as COBADEFFXXX";

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};
    }

    private static final java.util.regex.Pattern VAT_ID = java.util.regex.Pattern.compile("[A-Z]{2}[A-Z0-9]{2,13}");
    private static final java.util.regex.Pattern IBAN = java.util.regex.Pattern.compile("[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}");
    private static final java.util.regex.Pattern BIC = java.util.regex.Pattern.compile("[A-Z]{4}[A-Z]{2}[A-Z0-9]{2}([A-Z0-9]{3})?");

    /** Upper case without spaces; blank → null (how IBAN, BIC and VAT ids are stored). */
    public static String compact(String value) {
        if (value == null) {
            return null;
        }
        String compact = value.replace(" ", "").toUpperCase(java.util.Locale.ROOT);
        return compact.isEmpty() ? null : compact;
    }

    static boolean validIban(String value) {
        if (!IBAN.matcher(value).matches()) {
            return false;
        }
        String rearranged = value.substring(4) + value.substring(0, 4);
        int remainder = 0;
        for (char c : rearranged.toCharArray()) {
            int digit = Character.isDigit(c) ? c - '0' : c - 'A' + 10;
            remainder = (digit > 9 ? remainder * 100 : remainder * 10) + digit;
            remainder %= 97;
        }
        return remainder == 1;
    }

    public static final class VatIdValidator implements ConstraintValidator<VatId, String> {
        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            String compact = compact(value);
            return compact == null || VAT_ID.matcher(compact).matches();
        }
    }

    public static final class IbanValidator implements ConstraintValidator<Iban, String> {
        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            String compact = compact(value);
            return compact == null || (compact.length() <= 34 && validIban(compact));
        }
    }

    public static final class BicValidator implements ConstraintValidator<Bic, String> {
        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            String compact = compact(value);
            return compact == null || BIC.matcher(compact).matches();
        }
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
