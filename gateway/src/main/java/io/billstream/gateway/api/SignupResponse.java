package io.billstream.gateway.api;

public record SignupResponse(String tenantId, UserView user) {
}
