package io.billstream.invoice.config;

import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.annotation.AnnotatedMessageHandlingMember;
import org.axonframework.messaging.annotation.ClasspathParameterResolverFactory;
import org.axonframework.messaging.annotation.MessageHandlingMember;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class SavepointPerEventHandlerTest {

    static class Projection {
        @EventHandler
        void on(String event) {
        }
    }

    static class Publisher {
        @EventHandler
        void on(String event) {
        }
    }

    private final SavepointPerEventHandler enhancer = new SavepointPerEventHandler(null, Set.of(Publisher.class));

    @Test
    void aWritingHandlerRunsUnderASavepointAndAReadOnlyOneDoesNot() throws Exception {
        MessageHandlingMember<Projection> projection = member(Projection.class);
        MessageHandlingMember<Publisher> publisher = member(Publisher.class);

        assertThat(enhancer.wrapHandler(projection)).isNotSameAs(projection);
        assertThat(enhancer.wrapHandler(publisher)).isSameAs(publisher);
    }

    private static <T> MessageHandlingMember<T> member(Class<T> type) throws NoSuchMethodException {
        return new AnnotatedMessageHandlingMember<>(type.getDeclaredMethod("on", String.class), EventMessage.class,
                String.class, ClasspathParameterResolverFactory.forClass(type));
    }
}
