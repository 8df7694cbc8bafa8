package io.billstream.invoice.invoicing.web;

import io.billstream.platform.events.data.PeriodData;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.math.BigDecimal;

/**
 * The invoice input rules Bean Validation has no built-in for. Each validator reports at most one message for its
 * field, as the problem's {@code errors[]} lists one entry per broken field. Messages are fixed texts: client data
 * never goes into a message template (templates are interpolated).
 */
public final class InvoiceConstraints {

    /** Rules that only a complete line item (POST) must meet; a PATCH of a line leaves absent fields as they are. */
    public interface Complete {
    }

    static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    static final BigDecimal MAX_QUANTITY = new BigDecimal("1000000000");
    static final BigDecimal MAX_UNIT_PRICE = new BigDecimal("1000000000000");
    public static final int MAX_DUE_DAYS = 3650;
    public static final String DUE_DAYS_MESSAGE = "must be between 0 and " + MAX_DUE_DAYS;

    private InvoiceConstraints() {
    }

    /** 0–100 with at most 4 decimal places (tax rates, late fees). */
    @Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.METHOD})
    @Retention(RetentionPolicy.RUNTIME)
    @Constraint(validatedBy = PercentValidator.class)
    public @interface Percent {
        String message() default "must be between 0 and 100";

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};
    }

    /** Greater than 0, at most 10^9, at most 4 decimal places. */
    @Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.METHOD})
    @Retention(RetentionPolicy.RUNTIME)
    @Constraint(validatedBy = QuantityValidator.class)
    public @interface Quantity {
        String message() default "must be greater than 0 and at most 1000000000";

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};
    }

    /** At least 0 and below 10^12; the decimal places depend on the invoice's currency (InvoiceInput). */
    @Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.METHOD})
    @Retention(RetentionPolicy.RUNTIME)
    @Constraint(validatedBy = UnitPriceValidator.class)
    public @interface UnitPrice {
        String message() default "must be at least 0 and below 1000000000000";

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};
    }

    /** Both ends, the end not before the start ({@code period} or {@code period.end}). */
    @Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.METHOD})
    @Retention(RetentionPolicy.RUNTIME)
    @Constraint(validatedBy = PeriodValidator.class)
    public @interface Period {
        String message() default "needs start and end";

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};
    }

    /** {@code dueInDays} and {@code dueDate} replace each other; reported on {@code dueDate}. */
    @Target(ElementType.TYPE)
    @Retention(RetentionPolicy.RUNTIME)
    @Constraint(validatedBy = {DueTermsValidator.class})
    public @interface DueTerms {
        String message() default "give either dueInDays or dueDate, not both";

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};
    }

    /**
     * The EN 16931 tax rules of a whole line (the API contract §14): {@code S} needs a rate above 0, every other
     * category a rate of 0 or none (reported on {@code taxCategory}); {@code E}, {@code AE}, {@code K} and {@code O}
     * need a {@code taxExemptionReason}. Only for whole lines ({@link Complete}); a PATCH is checked once merged into
     * its line, by the aggregate. An unknown category is left to the field's own pattern.
     */
    @Target(ElementType.TYPE)
    @Retention(RetentionPolicy.RUNTIME)
    @Constraint(validatedBy = {LineTaxValidator.class})
    public @interface LineTax {
        String message() default "violates the tax category rules";

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};
    }

    public static final String TAX_CATEGORY_PATTERN = "S|Z|E|AE|K|O";
    public static final String TAX_CATEGORY_MESSAGE = "must be one of AE, E, K, O, S, Z";

    /** The due terms a request body carries. */
    public interface HasDueTerms {
        Integer dueInDays();

        java.time.LocalDate dueDate();
    }

    public static final class PercentValidator implements ConstraintValidator<Percent, BigDecimal> {
        @Override
        public boolean isValid(BigDecimal value, ConstraintValidatorContext context) {
            if (value == null) {
                return true;
            }
            if (value.signum() < 0 || value.compareTo(HUNDRED) > 0) {
                return false;
            }
            return scale(value) <= 4 || fail(context, "must have at most 4 decimal places");
        }
    }

    public static final class QuantityValidator implements ConstraintValidator<Quantity, BigDecimal> {
        @Override
        public boolean isValid(BigDecimal value, ConstraintValidatorContext context) {
            if (value == null) {
                return true;
            }
            if (value.signum() <= 0 || value.compareTo(MAX_QUANTITY) > 0) {
                return false;
            }
            return scale(value) <= 4 || fail(context, "must have at most 4 decimal places");
        }
    }

    public static final class UnitPriceValidator implements ConstraintValidator<UnitPrice, BigDecimal> {
        @Override
        public boolean isValid(BigDecimal value, ConstraintValidatorContext context) {
            return value == null || value.signum() >= 0 && value.compareTo(MAX_UNIT_PRICE) < 0;
        }
    }

    public static final class PeriodValidator implements ConstraintValidator<Period, PeriodData> {
        @Override
        public boolean isValid(PeriodData value, ConstraintValidatorContext context) {
            if (value == null) {
                return true;
            }
            if (value.start() == null || value.end() == null) {
                return false;
            }
            if (!value.end().isBefore(value.start())) {
                return true;
            }
            context.disableDefaultConstraintViolation();
            context.buildConstraintViolationWithTemplate("must not be before start").addPropertyNode("end")
                    .addConstraintViolation();
            return false;
        }
    }

    public static final class DueTermsValidator implements ConstraintValidator<DueTerms, HasDueTerms> {
        @Override
        public boolean isValid(HasDueTerms value, ConstraintValidatorContext context) {
            if (value == null || value.dueInDays() == null || value.dueDate() == null) {
                return true;
            }
            context.disableDefaultConstraintViolation();
            context.buildConstraintViolationWithTemplate(context.getDefaultConstraintMessageTemplate())
                    .addPropertyNode("dueDate").addConstraintViolation();
            return false;
        }
    }

    public static final class LineTaxValidator implements ConstraintValidator<LineTax, LineItemRequest> {
        @Override
        public boolean isValid(LineItemRequest value, ConstraintValidatorContext context) {
            if (value == null || (value.taxCategory() != null && !value.taxCategory().matches(TAX_CATEGORY_PATTERN))) {
                return true;
            }
            io.billstream.invoice.invoicing.api.LineItem whole = InvoiceInput.toLine(value);
            boolean valid = true;
            context.disableDefaultConstraintViolation();
            String problem = whole.taxCategoryProblem();
            if (problem != null) {
                context.buildConstraintViolationWithTemplate(problem).addPropertyNode("taxCategory")
                        .addConstraintViolation();
                valid = false;
            }
            if (whole.missingExemptionReason()) {
                context.buildConstraintViolationWithTemplate("is required for tax category " + value.taxCategory())
                        .addPropertyNode("taxExemptionReason").addConstraintViolation();
                valid = false;
            }
            return valid;
        }
    }

    static int scale(BigDecimal value) {
        return Math.max(0, value.stripTrailingZeros().scale());
    }

    private static boolean fail(ConstraintValidatorContext context, String message) {
        context.disableDefaultConstraintViolation();
        context.buildConstraintViolationWithTemplate(message).addConstraintViolation();
        return false;
    }
}
