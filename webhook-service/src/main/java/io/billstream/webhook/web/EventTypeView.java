package io.billstream.webhook.web;

public record EventTypeView(String type, String description) {
}
