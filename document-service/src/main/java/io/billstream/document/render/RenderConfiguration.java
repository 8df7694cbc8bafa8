package io.billstream.document.render;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class RenderConfiguration {

    @Bean
    InvoicePdf invoicePdf() {
        return new InvoicePdf();
    }
}
