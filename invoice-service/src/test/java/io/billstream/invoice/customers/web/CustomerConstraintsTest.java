package io.billstream.invoice.customers.web;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class CustomerConstraintsTest {

    private static ValidatorFactory factory;
    private static Validator validator;

    @BeforeAll
    static void validator() {
        factory = Validation.buildDefaultValidatorFactory();
        validator = factory.getValidator();
    }

    @AfterAll
    static void close() {
        factory.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"DE", "US", "GB", "JP", "BR", "CH", "AT"})
    void isoCountriesAreAccepted(String country) {
        assertThat(CustomerConstraints.isCountry(country)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "de", "XX", "UK", "USA", "D", "EU", " DE"})
    void otherCountriesAreRefused(String country) {
        assertThat(CustomerConstraints.isCountry(country)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"en-US", "de-DE", "de", "fr-CH", "zh-Hant-TW", "sr-Latn-RS", "es-419", "de-de", "pt-BR"})
    void bcp47TagsAreAccepted(String tag) {
        assertThat(CustomerConstraints.isLanguageTag(tag)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "en_US", "english", "qq", "en-", "-US", "en US", "12-34", "en-US-", "x-private"})
    void malformedOrUnknownTagsAreRefused(String tag) {
        assertThat(CustomerConstraints.isLanguageTag(tag)).isFalse();
    }

    @Test
    void aLowerCaseRegionIsStoredCanonically() {
        CustomerRequest request = new CustomerRequest("A", "a@b.example", null, null, "de-de", null);

        assertThat(request.toDetails().locale()).isEqualTo("de-DE");
    }

    @Test
    void metadataLimits() {
        assertThat(violations(metadata(20, 40, 500))).isEmpty();
        assertThat(violations(metadata(21, 5, 1))).containsExactly("metadata");
        assertThat(violations(metadata(1, 41, 1))).containsExactly("metadata");
        assertThat(violations(metadata(1, 5, 501))).containsExactly("metadata");
        Map<String, String> nullValue = new HashMap<>();
        nullValue.put("k", null);
        assertThat(violations(nullValue)).containsExactly("metadata");
        assertThat(violations(Map.of("", "v"))).containsExactly("metadata");
    }

    @Test
    void emailMustBeSyntacticallyValid() {
        assertThat(emailViolations("billing@acme.example")).isEmpty();
        assertThat(emailViolations("first.last+tag@sub.acme.co.uk")).isEmpty();
        assertThat(emailViolations("nope")).isNotEmpty();
        assertThat(emailViolations("a@localhost")).isNotEmpty();
        assertThat(emailViolations("a@b@c.example")).isNotEmpty();
        assertThat(emailViolations("a @b.example")).isNotEmpty();
        assertThat(emailViolations("a@b.example" + "x".repeat(250))).isNotEmpty();
    }

    private static Set<String> violations(Map<String, String> metadata) {
        return paths(validator.validate(new CustomerRequest("A", "a@b.example", null, null, null, metadata)));
    }

    private static Set<String> emailViolations(String email) {
        return paths(validator.validate(new CustomerRequest("A", email, null, null, null, null)));
    }

    private static Set<String> paths(Set<ConstraintViolation<CustomerRequest>> violations) {
        return violations.stream().map(v -> v.getPropertyPath().toString()).collect(Collectors.toSet());
    }

    private static Map<String, String> metadata(int pairs, int keyLength, int valueLength) {
        Map<String, String> map = new HashMap<>();
        for (int i = 0; i < pairs; i++) {
            String prefix = "k" + i;
            map.put(prefix + "x".repeat(Math.max(0, keyLength - prefix.length())), "v".repeat(valueLength));
        }
        return map;
    }
}
