package io.billstream.platform.web;

import io.billstream.platform.errors.DomainException;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The {@code ids=a,b,c} style batch filter of list endpoints (the gateway's GraphQL layer loads a page's linked
 * resources with one such call instead of one call each). Ids are trimmed and de-duplicated; an empty list, an id
 * that is not a plausible id, or more than {@code max} ids → 422 {@code validation_failed}.
 */
public final class BatchIds {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private BatchIds() {
    }

    public static Set<String> parse(String raw, int max) {
        return parse("ids", raw, max);
    }

    public static Set<String> parse(String field, String raw, int max) {
        Set<String> ids = new LinkedHashSet<>();
        for (String part : raw.split(",", -1)) {
            String id = part.trim();
            if (!ID.matcher(id).matches()) {
                throw DomainException.validation(field, "must be a comma-separated list of ids");
            }
            ids.add(id);
        }
        if (ids.size() > max) {
            throw DomainException.validation(field, "at most " + max + " ids");
        }
        return ids;
    }
}
