package io.billstream.invoice.config;

import io.billstream.invoice.invoicing.domain.Invoice;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConstructorAggregateFactoryTest {

    private final ConstructorAggregateFactory<Invoice> factory = new ConstructorAggregateFactory<>(Invoice.class);

    @Test
    void eachLoadGetsANewEmptyAggregate() {
        var first = new GenericDomainEventMessage<>("Invoice", "inv_1", 0, "created");
        Invoice one = factory.createAggregateRoot("inv_1", first);
        Invoice two = factory.createAggregateRoot("inv_1", first);
        assertThat(one).isNotNull().isNotSameAs(two);
        assertThat(factory.getAggregateType()).isEqualTo(Invoice.class);
    }

    @Test
    void aSnapshotEventIsTheAggregateItself() {
        Invoice snapshot = factory.createAggregateRoot("inv_1", null);
        var event = new GenericDomainEventMessage<>("Invoice", "inv_1", 7, snapshot);
        assertThat(factory.createAggregateRoot("inv_1", event)).isSameAs(snapshot);
    }

    @Test
    void aClassWithoutANoArgumentConstructorIsRefusedAtStartUp() {
        assertThatThrownBy(() -> new ConstructorAggregateFactory<>(Integer.class))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no no-argument constructor");
    }
}
