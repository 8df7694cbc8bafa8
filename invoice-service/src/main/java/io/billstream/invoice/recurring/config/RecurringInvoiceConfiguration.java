package io.billstream.invoice.recurring.config;

import io.billstream.invoice.recurring.messaging.RecurringInvoiceIntegrationPublisher;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class RecurringInvoiceConfiguration {

    /** Neither processor may skip an event: a failure stops the segment, which retries from its last token. */
    @Bean
    ConfigurerModule recurringProcessorErrorHandling() {
        return configurer -> configurer.eventProcessing()
                .registerListenerInvocationErrorHandler(RecurringInvoiceIntegrationPublisher.NAME,
                        c -> PropagatingErrorHandler.instance())
                .registerListenerInvocationErrorHandler("recurring-invoice-view",
                        c -> PropagatingErrorHandler.instance());
    }
}
