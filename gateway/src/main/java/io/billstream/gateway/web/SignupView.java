package io.billstream.gateway.web;

public record SignupView(String tenantId, UserView user) {
}
