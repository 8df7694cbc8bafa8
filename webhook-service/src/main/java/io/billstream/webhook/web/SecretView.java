package io.billstream.webhook.web;

public record SecretView(String secret) {
}
