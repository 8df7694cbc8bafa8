package io.billstream.gateway.web;

import io.billstream.gateway.domain.User;

import java.time.Instant;

public record UserView(String id, String username, String email, String role, Instant createdAt) {

    public static UserView of(User user) {
        return new UserView(user.id(), user.username(), user.email(), user.role().wire(), user.createdAt());
    }
}
