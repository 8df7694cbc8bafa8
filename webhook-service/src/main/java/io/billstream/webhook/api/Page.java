package io.billstream.webhook.api;

import java.util.List;

/** SPEC §2 list body. */
public record Page<T>(List<T> data, String nextCursor) {
}
