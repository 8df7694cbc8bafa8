package io.billstream.invoice.customers.web;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.IllformedLocaleException;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The API contract §4 checks Bean Validation has no built-in for. Messages are fixed texts: client data never goes into
 * a message template (templates are interpolated).
 */
public final class CustomerConstraints {

    /** Syntactic email check on top of {@code @Email}: one @, a dotted domain, no spaces. */
    public static final String EMAIL_PATTERN = "^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$";
    public static final int MAX_METADATA_PAIRS = 20;
    public static final int MAX_METADATA_KEY = 40;
    public static final int MAX_METADATA_VALUE = 500;

    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());
    private static final Set<String> LANGUAGES = Set.of(Locale.getISOLanguages());

    private CustomerConstraints() {
    }

    public static boolean isCountry(String value) {
        return value != null && COUNTRIES.contains(value);
    }

    /** Well-formed BCP 47 whose language is an ISO 639 code, e.g. {@code de-DE}, {@code zh-Hant-TW}. */
    public static boolean isLanguageTag(String value) {
        if (value == null || value.isBlank()) {
            return false;
        }
        try {
            Locale locale = new Locale.Builder().setLanguageTag(value).build();
            return locale.toLanguageTag().equalsIgnoreCase(value) && LANGUAGES.contains(locale.getLanguage());
        } catch (IllformedLocaleException e) {
            return false;
        }
    }

    /** An ISO 3166-1 alpha-2 country code in upper case. */
    @Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.METHOD})
    @Retention(RetentionPolicy.RUNTIME)
    @Constraint(validatedBy = CountryValidator.class)
    public @interface Country {
        String message() default "must be an ISO 3166-1 alpha-2 country code such as DE";

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};
    }

    /** A BCP 47 language tag. */
    @Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.METHOD})
    @Retention(RetentionPolicy.RUNTIME)
    @Constraint(validatedBy = LanguageTagValidator.class)
    public @interface LanguageTag {
        String message() default "must be a BCP 47 language tag such as de-DE";

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};
    }

    /** At most 20 string pairs, keys 1–40 characters, values at most 500 (API contract §2, §4). */
    @Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.METHOD})
    @Retention(RetentionPolicy.RUNTIME)
    @Constraint(validatedBy = MetadataValidator.class)
    public @interface Metadata {
        String message() default "is not valid metadata";

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};
    }

    public static final class CountryValidator implements ConstraintValidator<Country, String> {
        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return value == null || isCountry(value);
        }
    }

    public static final class LanguageTagValidator implements ConstraintValidator<LanguageTag, String> {
        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return value == null || isLanguageTag(value);
        }
    }

    public static final class MetadataValidator implements ConstraintValidator<Metadata, Map<String, String>> {
        @Override
        public boolean isValid(Map<String, String> value, ConstraintValidatorContext context) {
            if (value == null) {
                return true;
            }
            String problem = null;
            if (value.size() > MAX_METADATA_PAIRS) {
                problem = "must have at most " + MAX_METADATA_PAIRS + " pairs";
            } else if (value.keySet().stream().anyMatch(k -> k.isEmpty() || k.length() > MAX_METADATA_KEY)) {
                problem = "keys must be 1 to " + MAX_METADATA_KEY + " characters";
            } else if (value.values().stream().anyMatch(v -> v == null || v.length() > MAX_METADATA_VALUE)) {
                problem = "values must be strings of at most " + MAX_METADATA_VALUE + " characters";
            }
            if (problem == null) {
                return true;
            }
            context.disableDefaultConstraintViolation();
            context.buildConstraintViolationWithTemplate(problem).addConstraintViolation();
            return false;
        }
    }
}
