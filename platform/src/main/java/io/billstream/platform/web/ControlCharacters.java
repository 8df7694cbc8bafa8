package io.billstream.platform.web;

/**
 * docs/api-reference.md §2 text rule: C0 control characters other than tab, CR and LF are refused wherever a client can put text
 * (JSON strings and keys, path segments, query parameters, headers). PostgreSQL cannot store NUL in text or
 * jsonb, so one such character used to become a 500 at the edge or a projection that failed forever behind it.
 */
public final class ControlCharacters {

    public static final String MESSAGE = "must not contain control characters";

    private ControlCharacters() {
    }

    public static boolean forbidden(char c) {
        return (c < 0x20 && c != '\t' && c != '\n' && c != '\r');
    }

    public static boolean containsForbidden(CharSequence text) {
        if (text == null) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            if (forbidden(text.charAt(i))) {
                return true;
            }
        }
        return false;
    }
}
