package io.billstream.gateway.api;

import java.util.List;

public record Page<T>(List<T> data, String nextCursor) {
}
