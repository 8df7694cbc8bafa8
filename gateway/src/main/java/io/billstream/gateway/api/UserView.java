package io.billstream.gateway.api;

import io.billstream.gateway.persistence.UserRow;

import java.time.Instant;

public record UserView(String id, String username, String email, String role, Instant createdAt) {

    public static UserView of(UserRow row) {
        return new UserView(row.id(), row.username(), row.email(), row.role().wire(), row.createdAt());
    }
}
