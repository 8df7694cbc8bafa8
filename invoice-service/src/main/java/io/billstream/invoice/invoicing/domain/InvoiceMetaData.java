package io.billstream.invoice.invoicing.domain;

import io.billstream.platform.security.Actor;
import io.billstream.platform.security.ActorType;
import org.axonframework.messaging.MetaData;

import java.util.Map;

/**
 * Who acted and for which tenant, carried as command metadata and copied onto every event the command causes
 * (history's {@code actor}). Deadline firings are recorded as the system.
 */
public final class InvoiceMetaData {

    public static final String TENANT = Invoice.TENANT;
    public static final String ACTOR_TYPE = "actorType";
    public static final String ACTOR_ID = "actorId";

    private InvoiceMetaData() {
    }

    public static MetaData of(String tenant, Actor actor) {
        return MetaData.from(Map.of(TENANT, tenant, ACTOR_TYPE, actor.type().wire(), ACTOR_ID, actor.id()));
    }

    public static Actor actorOf(MetaData metaData) {
        Object type = metaData.get(ACTOR_TYPE);
        Object id = metaData.get(ACTOR_ID);
        if (type == null || id == null) {
            return Actor.SYSTEM;
        }
        return new Actor(ActorType.fromWire(type.toString()), id.toString());
    }
}
