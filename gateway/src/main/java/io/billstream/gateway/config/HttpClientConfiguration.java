package io.billstream.gateway.config;

import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.net.http.HttpClient;

/**
 * The client the gateway proxies with (timeouts from {@code spring.http.client.*}). Plain HTTP/1.1: the services
 * speak nothing else, and the JDK client's h2c upgrade attempt would only add bytes to every request.
 */
@Configuration
public class HttpClientConfiguration {

    @Bean
    ClientHttpRequestFactoryBuilder<?> clientHttpRequestFactoryBuilder() {
        return ClientHttpRequestFactoryBuilder.jdk()
                .withHttpClientCustomizer(builder -> builder.version(HttpClient.Version.HTTP_1_1));
    }
}
