package io.billstream.platform.security;

import com.fasterxml.jackson.annotation.JsonValue;

/** Who caused a change (docs/api-reference.md §5 history {@code actor.type}). */
public enum ActorType {
    USER("user"), API_KEY("api_key"), SYSTEM("system");

    private final String wire;

    ActorType(String wire) {
        this.wire = wire;
    }

    @JsonValue
    public String wire() {
        return wire;
    }

    public static ActorType fromWire(String wire) {
        for (ActorType type : values()) {
            if (type.wire.equals(wire)) {
                return type;
            }
        }
        throw new IllegalArgumentException("unknown actor type " + wire);
    }
}
