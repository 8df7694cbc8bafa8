package io.billstream.platform.security;

/** {@code {type, id}} as in docs/api-reference.md §5 history entries. */
public record Actor(ActorType type, String id) {
    public static final Actor SYSTEM = new Actor(ActorType.SYSTEM, "billstream");
}
