package io.billstream.invoice.settings.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An invoice number format (API contract §4): literal text with exactly one {@code {seq}} or {@code {seq:N}} (zero-padded
 * to N digits, N 1–9) and optionally {@code {yyyy}} / {@code {yy}}. Any other brace is refused, so a typo such
 * as {@code {yyy}} never reaches a number.
 */
public final class SettingsNumberFormat {

    public static final int MAX_LENGTH = 100;
    private static final Pattern TOKEN = Pattern.compile("\\{(yyyy|yy|seq(?::([1-9]))?)}");

    private final List<Part> parts;

    private SettingsNumberFormat(List<Part> parts) {
        this.parts = parts;
    }

    /** The parsed format, or empty when it breaks the rules above. */
    public static Optional<SettingsNumberFormat> parse(String format) {
        if (format == null || format.isEmpty() || format.length() > MAX_LENGTH
                || format.chars().anyMatch(Character::isISOControl)) {
            return Optional.empty();
        }
        List<Part> parts = new ArrayList<>();
        Matcher m = TOKEN.matcher(format);
        int at = 0;
        int sequences = 0;
        while (m.find()) {
            if (!literal(format.substring(at, m.start()), parts)) {
                return Optional.empty();
            }
            String token = m.group(1);
            if (token.startsWith("seq")) {
                sequences++;
                parts.add(new Part(Kind.SEQ, null, m.group(2) == null ? 0 : Integer.parseInt(m.group(2))));
            } else {
                parts.add(new Part(token.equals("yyyy") ? Kind.YEAR4 : Kind.YEAR2, null, 0));
            }
            at = m.end();
        }
        if (!literal(format.substring(at), parts) || sequences != 1) {
            return Optional.empty();
        }
        return Optional.of(new SettingsNumberFormat(List.copyOf(parts)));
    }

    public static boolean isValid(String format) {
        return parse(format).isPresent();
    }

    /** The number for the {@code sequence}-th invoice of {@code year}. */
    public String format(int year, long sequence) {
        StringBuilder out = new StringBuilder();
        for (Part part : parts) {
            switch (part.kind) {
                case LITERAL -> out.append(part.text);
                case YEAR4 -> out.append(String.format("%04d", year));
                case YEAR2 -> out.append(String.format("%02d", Math.floorMod(year, 100)));
                case SEQ -> out.append(part.width == 0 ? Long.toString(sequence)
                        : String.format("%0" + part.width + "d", sequence));
            }
        }
        return out.toString();
    }

    private static boolean literal(String text, List<Part> parts) {
        if (text.indexOf('{') >= 0 || text.indexOf('}') >= 0) {
            return false;
        }
        if (!text.isEmpty()) {
            parts.add(new Part(Kind.LITERAL, text, 0));
        }
        return true;
    }

    private enum Kind { LITERAL, YEAR4, YEAR2, SEQ }

    private record Part(Kind kind, String text, int width) {
    }
}
