package io.billstream.invoice.config;

import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.annotation.HandlerEnhancerDefinition;
import org.axonframework.messaging.annotation.MessageHandlingMember;
import org.axonframework.messaging.annotation.WrappedMessageHandlingMember;
import org.axonframework.modelling.command.AggregateRoot;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import javax.sql.DataSource;
import java.lang.reflect.Method;
import java.sql.Connection;
import java.sql.Savepoint;
import java.util.Set;

/**
 * Runs each event handler of a processor (projection, publisher) under a JDBC savepoint of the batch's transaction.
 * PostgreSQL aborts the whole transaction on a failed statement (a NUL in jsonb, a constraint): without the
 * savepoint the dead-letter queue could not even record the failure in that transaction, the batch rolled back and
 * the segment retried the same event forever. With it, only the failed handler's writes are undone, the event is
 * parked, and the rest of the batch commits. Aggregate handlers (event sourcing, deadlines) are left alone, and so
 * are the handlers of the classes named {@code readOnly}: the Kafka publishers only read the event store, by
 * aggregate, so no event of theirs can make a statement fail and abort the transaction, and their two round trips
 * per event (SAVEPOINT, RELEASE) bought nothing (docs/benchmarks.md, row 24). A savepoint is never released, only
 * rolled back to (docs/benchmarks.md, row 35).
 */
public class SavepointPerEventHandler implements HandlerEnhancerDefinition {

    private final DataSource dataSource;
    private final Set<Class<?>> readOnly;

    public SavepointPerEventHandler(DataSource dataSource, Set<Class<?>> readOnly) {
        this.dataSource = dataSource;
        this.readOnly = Set.copyOf(readOnly);
    }

    @Override
    public <T> MessageHandlingMember<T> wrapHandler(MessageHandlingMember<T> original) {
        if (!original.canHandleMessageType(EventMessage.class) || !processorHandler(original)
                || readOnly.contains(original.declaringClass())) {
            return original;
        }
        return new WrappedMessageHandlingMember<>(original) {
            @Override
            public Object handle(Message<?> message, T target) throws Exception {
                if (!TransactionSynchronizationManager.isActualTransactionActive()) {
                    return super.handle(message, target);
                }
                Connection connection = DataSourceUtils.getConnection(dataSource);
                try {
                    Savepoint savepoint = connection.setSavepoint();
                    try {
                        // Not released: PostgreSQL releases every savepoint at commit anyway, and RELEASE was a round
                        // trip per event (two per invoice created issued). Releasing would not spare the backend
                        // anything either: a released subtransaction's id stays the transaction's until it ends.
                        return super.handle(message, target);
                    } catch (Exception | Error e) {
                        connection.rollback(savepoint);
                        throw e;
                    }
                } finally {
                    DataSourceUtils.releaseConnection(connection, dataSource);
                }
            }
        };
    }

    private static boolean processorHandler(MessageHandlingMember<?> member) {
        if (AnnotatedElementUtils.hasAnnotation(member.declaringClass(), AggregateRoot.class)) {
            return false;
        }
        return member.unwrap(Method.class)
                .map(method -> !AnnotatedElementUtils.hasAnnotation(method, EventSourcingHandler.class)
                        && !AnnotatedElementUtils.hasAnnotation(method, DeadlineHandler.class))
                .orElse(false);
    }
}
