package io.billstream.webhook.api;

public record SecretView(String secret) {
}
