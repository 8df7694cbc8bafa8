package io.billstream.invoice.config;

import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.SimpleEventBus;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class AppliedEventsTest {

    CommandGateway gateway;

    @BeforeEach
    void bus() {
        AppliedEvents applied = new AppliedEvents();
        SimpleEventBus events = SimpleEventBus.builder().build();
        events.registerDispatchInterceptor(applied.recorder());
        SimpleCommandBus commands = SimpleCommandBus.builder().build();
        commands.registerHandlerInterceptor(applied);
        commands.subscribe(String.class.getName(), command -> {
            events.publish(new GenericDomainEventMessage<>("Invoice", "inv_1", 0, "created"));
            events.publish(new GenericDomainEventMessage<>("Invoice", "inv_1", 1, "issued"));
            return "handled";
        });
        gateway = DefaultCommandGateway.builder().commandBus(commands).build();
    }

    @Test
    void aCommandThatAsksGetsTheEventsItsUnitOfWorkCommitted() {
        Object result = gateway.sendAndWait(GenericCommandMessage.asCommandMessage("issue")
                .andMetaData(MetaData.with(AppliedEvents.WANTED, true)));

        assertThat(result).isInstanceOf(AppliedEvents.Outcome.class);
        AppliedEvents.Outcome outcome = (AppliedEvents.Outcome) result;
        assertThat(outcome.result()).isEqualTo("handled");
        assertThat(outcome.events()).extracting(e -> e.getSequenceNumber() + ":" + e.getPayload())
                .containsExactly("0:created", "1:issued");
    }

    @Test
    void anyOtherCommandKeepsItsOwnResult() {
        Object result = gateway.sendAndWait(GenericCommandMessage.asCommandMessage("issue")
                .andMetaData(Map.of("tenantId", "ten_1")));

        assertThat(result).isEqualTo("handled");
    }
}
