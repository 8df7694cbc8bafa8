package io.billstream.webhook.web;

import io.billstream.platform.errors.DomainException;

/** Versions as ETags ({@code "3"}) and the If-Match check of SPEC §2. */
final class Etags {

    private Etags() {
    }

    static String of(long version) {
        return "\"" + version + "\"";
    }

    /** The version an If-Match names; null when absent or {@code *}; an unreadable one can never match. */
    static Long expectedVersion(String ifMatch, long currentForError) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.trim().equals("*")) {
            return null;
        }
        String tag = ifMatch.trim();
        if (tag.startsWith("W/")) {
            tag = tag.substring(2);
        }
        tag = tag.replace("\"", "");
        try {
            return Long.parseLong(tag);
        } catch (NumberFormatException e) {
            throw DomainException.versionMismatch(currentForError);
        }
    }
}
