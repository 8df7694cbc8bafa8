package io.billstream.gateway.domain;


import java.time.Instant;

public record User(String id, String tenantId, String username, String email, String passwordHash, Role role,
                      Instant createdAt) {
}
