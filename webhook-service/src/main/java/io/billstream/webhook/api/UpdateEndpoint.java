package io.billstream.webhook.api;

import io.billstream.platform.concurrency.ExpectedVersion;

import java.util.List;

/**
 * Change an endpoint: absent (null) fields stay as they are; an empty description clears it. Applies only while the
 * endpoint's version is one of {@code expected}.
 */
public record UpdateEndpoint(String url, List<String> events, String status, String description,
                             ExpectedVersion expected) {
}
