package io.billstream.platform.events;

import io.billstream.platform.ids.Ids;

public final class EventIds {
    private EventIds() {
    }

    public static String newEventId() {
        return Ids.newId("evt");
    }
}
