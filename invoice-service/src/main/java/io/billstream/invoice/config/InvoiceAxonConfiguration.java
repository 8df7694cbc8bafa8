package io.billstream.invoice.config;

import io.billstream.invoice.domain.InvoiceMetaData;
import io.billstream.invoice.messaging.InvoiceIntegrationPublisher;
import io.billstream.platform.security.Actor;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.deadline.DeadlineMessage;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.HashMap;
import java.util.Map;

@Configuration(proxyBeanMethods = false)
public class InvoiceAxonConfiguration {

    /**
     * Copies tenant and actor from the command onto its events. A deadline firing keeps the tenant but is the
     * system's doing, whoever issued the invoice.
     */
    @Bean
    CorrelationDataProvider invoiceActorCorrelation() {
        return (Message<?> message) -> {
            Map<String, Object> data = new HashMap<>();
            Object tenant = message.getMetaData().get(InvoiceMetaData.TENANT);
            if (tenant != null) {
                data.put(InvoiceMetaData.TENANT, tenant);
            }
            Actor actor = message instanceof DeadlineMessage<?> ? Actor.SYSTEM
                    : InvoiceMetaData.actorOf(message.getMetaData());
            data.put(InvoiceMetaData.ACTOR_TYPE, actor.type().wire());
            data.put(InvoiceMetaData.ACTOR_ID, actor.id());
            return data;
        };
    }

    @Bean
    SignallingEventSource signallingEventSource(EventStore eventStore) {
        return new SignallingEventSource(eventStore);
    }

    /**
     * Neither processor may skip an event: a failed Kafka send or projection write stops the segment, which is
     * retried from its last token.
     */
    @Bean
    ConfigurerModule invoiceProcessorErrorHandling() {
        return configurer -> configurer.eventProcessing()
                .registerListenerInvocationErrorHandler(InvoiceIntegrationPublisher.NAME,
                        c -> PropagatingErrorHandler.instance())
                .registerListenerInvocationErrorHandler("invoice-view", c -> PropagatingErrorHandler.instance());
    }
}
