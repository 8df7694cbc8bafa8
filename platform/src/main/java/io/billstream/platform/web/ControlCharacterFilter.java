package io.billstream.platform.web;

import io.billstream.platform.errors.DomainException;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.Optional;

/**
 * Refuses control characters (see {@link ControlCharacters}) in a JSON body, the query string or a header with
 * 422 {@code validation_failed} naming the field, before any controller, proxy or store sees them. Path variables
 * are checked by {@link ControlCharacterInterceptor}, where their names are known. One mechanism for every service
 * and the gateway, instead of a rule per controller.
 */
public class ControlCharacterFilter extends OncePerRequestFilter {

    private static final JsonFactory JSON = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.defaults()).build();

    private final ObjectMapper mapper;

    public ControlCharacterFilter(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<String> bad = badHeader(request).or(() -> badQueryParameter(request.getQueryString()));
        if (bad.isPresent()) {
            refuse(response, bad.get());
            return;
        }
        String contentType = request.getContentType();
        if (contentType == null || !contentType.toLowerCase().contains("json")) {
            chain.doFilter(request, response);
            return;
        }
        byte[] body;
        try {
            body = request.getInputStream().readAllBytes();
        } catch (BodySizeLimitFilter.PayloadTooLargeException tooLarge) {
            Problems.write(response, mapper, tooLarge.code(), tooLarge.getMessage(), null);
            return;
        }
        Optional<String> badField = badJsonField(body);
        if (badField.isPresent()) {
            refuse(response, badField.get());
            return;
        }
        chain.doFilter(new CachedBodyRequest(request, body), response);
    }

    private void refuse(HttpServletResponse response, String field) throws IOException {
        Problems.write(response, mapper, DomainException.validation(field, ControlCharacters.MESSAGE));
    }

    private static Optional<String> badHeader(HttpServletRequest request) {
        for (String name : Collections.list(request.getHeaderNames())) {
            for (String value : Collections.list(request.getHeaders(name))) {
                if (ControlCharacters.containsForbidden(value)) {
                    return Optional.of(name);
                }
            }
        }
        return Optional.empty();
    }

    static Optional<String> badQueryParameter(String query) {
        if (query == null || query.isEmpty()) {
            return Optional.empty();
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            if (name == null || value == null) {
                continue; // undecodable: left to the layers that parse parameters
            }
            if (ControlCharacters.containsForbidden(name) || ControlCharacters.containsForbidden(value)) {
                return Optional.of(printable(name));
            }
        }
        return Optional.empty();
    }

    private static String decode(String raw) {
        try {
            return URLDecoder.decode(raw, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The path of the first string or key with a control character; empty also for JSON that does not parse. */
    static Optional<String> badJsonField(byte[] body) {
        if (!mayHoldEscapedControl(body)) {
            return Optional.empty(); // raw control characters are not JSON at all: the reader answers malformed_json
        }
        try (JsonParser parser = JSON.createParser(body)) {
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                if (token == JsonToken.FIELD_NAME && ControlCharacters.containsForbidden(parser.currentName())) {
                    return Optional.of(path(parser.getParsingContext()));
                }
                if (token == JsonToken.VALUE_STRING && ControlCharacters.containsForbidden(parser.getText())) {
                    return Optional.of(path(parser.getParsingContext()));
                }
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    /** A JSON text can carry a control character only as a backslash-u escape (u0000 to u001f); most bodies skip the parse. */
    private static boolean mayHoldEscapedControl(byte[] body) {
        for (int i = 0; i + 5 < body.length; i++) {
            if (body[i] == '\\' && body[i + 1] == 'u' && body[i + 2] == '0' && body[i + 3] == '0'
                    && (body[i + 4] == '0' || body[i + 4] == '1')) {
                return true;
            }
        }
        return false;
    }

    private static String path(JsonStreamContext context) {
        Deque<String> parts = new ArrayDeque<>();
        for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inObject() && c.getCurrentName() != null) {
                parts.push("." + printable(c.getCurrentName()));
            } else if (c.inArray()) {
                parts.push("[" + Math.max(0, c.getCurrentIndex()) + "]");
            }
        }
        String joined = String.join("", parts);
        return joined.startsWith(".") ? joined.substring(1) : joined;
    }

    /** A field name that itself holds control characters is echoed with them escaped. */
    private static String printable(String name) {
        StringBuilder out = new StringBuilder(name.length());
        for (char c : name.toCharArray()) {
            out.append(ControlCharacters.forbidden(c) ? String.format("\\u%04x", (int) c) : String.valueOf(c));
        }
        return out.toString();
    }

}
