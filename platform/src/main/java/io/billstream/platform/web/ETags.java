package io.billstream.platform.web;

import io.billstream.platform.concurrency.ExpectedVersion;

import java.util.HashSet;
import java.util.Set;

/**
 * Versions as entity tags ({@code "3"}) and {@code If-Match} as RFC 9110 §13.1.1 reads it: absent or {@code *} matches
 * any version; otherwise a comma-separated list of strong or weak ({@code W/"3"}) tags, any of which may match.
 * A bare {@code 3} is accepted too, as clients often send it. Tags that name no version never match.
 */
public final class ETags {

    private ETags() {
    }

    public static String of(long version) {
        return "\"" + version + "\"";
    }

    public static ExpectedVersion ifMatch(String header) {
        if (header == null || header.isBlank()) {
            return ExpectedVersion.ANY;
        }
        Set<Long> versions = new HashSet<>();
        for (String member : header.split(",")) {
            String tag = member.trim();
            if (tag.equals("*")) {
                return ExpectedVersion.ANY;
            }
            if (tag.startsWith("W/")) {
                tag = tag.substring(2);
            }
            if (tag.length() >= 2 && tag.startsWith("\"") && tag.endsWith("\"")) {
                tag = tag.substring(1, tag.length() - 1);
            }
            try {
                versions.add(Long.parseLong(tag));
            } catch (NumberFormatException e) {
                // an opaque tag we never issued: it cannot match any version
            }
        }
        return new ExpectedVersion(versions);
    }

    /**
     * {@code If-None-Match} as RFC 9110 §13.1.2 reads it: {@code *}, or a list of tags compared weakly with
     * {@code etag} (a quoted tag as this service issues it).
     */
    public static boolean noneMatchHits(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null || ifNoneMatch.isBlank()) {
            return false;
        }
        for (String candidate : ifNoneMatch.split(",")) {
            String tag = candidate.trim();
            if (tag.equals("*")) {
                return true;
            }
            if (tag.startsWith("W/")) {
                tag = tag.substring(2);
            }
            if (tag.equals(etag)) {
                return true;
            }
        }
        return false;
    }
}
