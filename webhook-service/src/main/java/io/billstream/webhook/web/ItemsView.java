package io.billstream.webhook.web;

import java.util.List;

/** An unpaginated list body. */
public record ItemsView<T>(List<T> data) {
}
