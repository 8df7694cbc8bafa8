package io.billstream.document.email.domain;

import io.billstream.platform.errors.FieldViolation;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Checks recipients: RFC 5322 syntax with a domain, one line, no control characters (no header injection). */
final class EmailAddresses {

    static final int MAX_RECIPIENTS = 10;

    private EmailAddresses() {
    }

    static List<FieldViolation> check(String field, List<String> values) {
        List<FieldViolation> errors = new ArrayList<>();
        if (values == null) {
            return errors;
        }
        for (int i = 0; i < values.size(); i++) {
            String name = field + "[" + i + "]";
            problem(values.get(i)).ifPresent(message -> errors.add(new FieldViolation(name, message)));
        }
        return errors;
    }

    static Optional<String> problem(String value) {
        if (value == null || value.isBlank()) {
            return Optional.of("must be an email address");
        }
        if (hasControlCharacter(value)) {
            return Optional.of("must not contain line breaks or other control characters");
        }
        if (value.length() > 320) {
            return Optional.of("must be at most 320 characters");
        }
        try {
            InternetAddress[] parsed = InternetAddress.parse(value, true);
            if (parsed.length != 1) {
                return Optional.of("must be one email address");
            }
            parsed[0].validate();
            String address = parsed[0].getAddress();
            int at = address.lastIndexOf('@');
            if (at <= 0 || address.indexOf('.', at) < 0 || address.endsWith(".")) {
                return Optional.of("must be an email address with a domain, such as ap@example.com");
            }
            return Optional.empty();
        } catch (AddressException e) {
            return Optional.of("is not a valid email address");
        }
    }

    static boolean hasControlCharacter(String value) {
        return value.chars().anyMatch(c -> Character.isISOControl(c) || c == 0x2028 || c == 0x2029);
    }
}
