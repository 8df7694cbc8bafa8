package io.billstream.invoice.invoicing.persistence;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.BiFunction;

/**
 * Hands a command's dispatcher the events its handler applied, so that the API can answer with the invoice as the
 * command left it without reading the stream back from the event store. Only a command whose metadata carries
 * {@link #WANTED} gets them: its result becomes an {@link Outcome}; every other command's result is untouched.
 * The events are those of the unit of work that committed (a failed or retried attempt answers nothing).
 */
public final class AppliedEvents implements MessageHandlerInterceptor<CommandMessage<?>> {

    /** Command metadata key asking for the applied events as the command's result. */
    public static final String WANTED = "billstream.appliedEvents";

    private static final String RESOURCE = AppliedEvents.class.getName() + ".events";

    /** The handler's own result and the domain events it applied, in order. */
    public record Outcome(Object result, List<DomainEventMessage<?>> events) {
    }

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain)
            throws Exception {
        if (!Boolean.TRUE.equals(unitOfWork.getMessage().getMetaData().get(WANTED))) {
            return chain.proceed();
        }
        List<DomainEventMessage<?>> events = new ArrayList<>();
        unitOfWork.root().resources().put(RESOURCE, events);
        // the event bus hands the events to its dispatch interceptors only when the unit of work commits, after this
        // returns and before the dispatcher gets the result: the list is filled by then
        return new Outcome(chain.proceed(), Collections.unmodifiableList(events));
    }

    /** For the event store: notes each domain event published inside a unit of work that asked for them. */
    public MessageDispatchInterceptor<EventMessage<?>> recorder() {
        return new MessageDispatchInterceptor<>() {
            @Override
            public BiFunction<Integer, EventMessage<?>, EventMessage<?>> handle(
                    List<? extends EventMessage<?>> messages) {
                return (index, event) -> {
                    if (event instanceof DomainEventMessage<?> domain && CurrentUnitOfWork.isStarted()) {
                        List<DomainEventMessage<?>> events = CurrentUnitOfWork.get().root().getResource(RESOURCE);
                        if (events != null) {
                            events.add(domain);
                        }
                    }
                    return event;
                };
            }
        };
    }
}
