package io.billstream.webhook.api;

public record EventTypeView(String type, String description) {
}
