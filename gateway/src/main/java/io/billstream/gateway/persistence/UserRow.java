package io.billstream.gateway.persistence;

import io.billstream.gateway.domain.Role;

import java.time.Instant;

public record UserRow(String id, String tenantId, String username, String email, String passwordHash, Role role,
                      Instant createdAt) {
}
