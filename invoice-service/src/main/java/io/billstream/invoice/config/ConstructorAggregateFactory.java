package io.billstream.invoice.config;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.AggregateFactory;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;

/**
 * Builds an aggregate with its no-argument constructor before its events are applied. Axon's own
 * {@code GenericAggregateFactory} cannot be used here: it inspects the aggregate's handlers with only the class
 * path's parameter resolvers, and the invoice's handlers take Spring beans (a {@code Clock}, the number allocator).
 */
final class ConstructorAggregateFactory<T> implements AggregateFactory<T> {

    private final Class<T> type;
    private final Constructor<T> constructor;

    ConstructorAggregateFactory(Class<T> type) {
        this.type = type;
        try {
            this.constructor = type.getDeclaredConstructor();
        } catch (NoSuchMethodException e) {
            throw new IllegalArgumentException(type.getName() + " has no no-argument constructor", e);
        }
        constructor.setAccessible(true);
    }

    @Override
    public T createAggregateRoot(String aggregateIdentifier, DomainEventMessage<?> firstEvent) {
        // a snapshot event carries the aggregate itself, as Axon's own factories accept
        if (firstEvent != null && type.isAssignableFrom(firstEvent.getPayloadType())) {
            return type.cast(firstEvent.getPayload());
        }
        try {
            return constructor.newInstance();
        } catch (InstantiationException | IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot construct " + type.getName(), e);
        }
    }

    @Override
    public Class<T> getAggregateType() {
        return type;
    }
}
