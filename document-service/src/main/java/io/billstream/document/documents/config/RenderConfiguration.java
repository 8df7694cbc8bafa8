package io.billstream.document.documents.config;

import io.billstream.document.documents.domain.render.InvoicePdf;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class RenderConfiguration {

    @Bean
    InvoicePdf invoicePdf() {
        return new InvoicePdf();
    }
}
