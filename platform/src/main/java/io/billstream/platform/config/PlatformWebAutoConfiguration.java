package io.billstream.platform.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.billstream.platform.security.CallerArgumentResolver;
import io.billstream.platform.security.InternalTokenFilter;
import io.billstream.platform.security.InternalTokenService;
import io.billstream.platform.web.ApiExceptionHandler;
import io.billstream.platform.web.BodySizeLimitFilter;
import io.billstream.platform.web.ControlCharacterFilter;
import io.billstream.platform.web.ControlCharacterInterceptor;
import io.billstream.platform.web.ProblemErrorController;
import io.billstream.platform.web.ProblemJsonErrorReportValve;
import io.billstream.platform.web.RequestIdFilter;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.web.servlet.error.ErrorMvcAutoConfiguration;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.context.annotation.Configuration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import java.time.Clock;
import java.util.List;

@AutoConfiguration(before = ErrorMvcAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(PlatformProperties.class)
@Import(ApiExceptionHandler.class)
public class PlatformWebAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    @ConditionalOnMissingBean
    InternalTokenService internalTokenService(PlatformProperties properties, Clock clock) {
        return new InternalTokenService(properties.internalToken().secret(), properties.internalToken().ttl(), clock);
    }

    @Bean
    FilterRegistrationBean<RequestIdFilter> requestIdFilter() {
        FilterRegistrationBean<RequestIdFilter> registration = new FilterRegistrationBean<>(new RequestIdFilter());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }

    @Bean
    FilterRegistrationBean<BodySizeLimitFilter> bodySizeLimitFilter(PlatformProperties properties,
                                                                    ObjectMapper mapper) {
        FilterRegistrationBean<BodySizeLimitFilter> registration = new FilterRegistrationBean<>(
                new BodySizeLimitFilter(properties.web().maxBodyBytes(), mapper));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
        return registration;
    }

    @Bean
    @ConditionalOnProperty(name = "billstream.internal-token.required", havingValue = "true", matchIfMissing = true)
    FilterRegistrationBean<InternalTokenFilter> internalTokenFilter(InternalTokenService tokens, ObjectMapper mapper) {
        FilterRegistrationBean<InternalTokenFilter> registration = new FilterRegistrationBean<>(
                new InternalTokenFilter(tokens, mapper));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 30);
        return registration;
    }

    @Bean
    FilterRegistrationBean<ControlCharacterFilter> controlCharacterFilter(ObjectMapper mapper) {
        FilterRegistrationBean<ControlCharacterFilter> registration = new FilterRegistrationBean<>(
                new ControlCharacterFilter(mapper));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 35);
        return registration;
    }

    @Bean
    WebMvcConfigurer callerResolverConfigurer() {
        return new WebMvcConfigurer() {
            @Override
            public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
                resolvers.add(new CallerArgumentResolver());
            }

            @Override
            public void addInterceptors(InterceptorRegistry registry) {
                registry.addInterceptor(new ControlCharacterInterceptor());
            }
        };
    }

    /** Every {@code /error} dispatch answers problem+json (Boot's controller would answer its own JSON or HTML). */
    @Bean
    @ConditionalOnMissingBean(ErrorController.class)
    ProblemErrorController problemErrorController(ObjectMapper mapper) {
        return new ProblemErrorController(mapper);
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.apache.catalina.startup.Tomcat")
    static class TomcatProblems {

        /**
         * Swaps the host's HTML error report valve (Boot's, and Tomcat's default) for the problem+json one, so even
         * requests Tomcat rejects before Spring sees them answer in the API's format.
         */
        @Bean
        WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemJsonErrorReports() {
            return new OrderedProblemValveCustomizer();
        }
    }

    static final class OrderedProblemValveCustomizer
            implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

        @Override
        public void customize(TomcatServletWebServerFactory factory) {
            factory.addContextCustomizers(context -> {
                if (context.getParent() instanceof StandardHost host) {
                    host.setErrorReportValveClass(ProblemJsonErrorReportValve.class.getName());
                    for (Valve valve : host.getPipeline().getValves()) {
                        if (valve instanceof ErrorReportValve && !(valve instanceof ProblemJsonErrorReportValve)) {
                            host.getPipeline().removeValve(valve);
                        }
                    }
                    host.getPipeline().addValve(new ProblemJsonErrorReportValve());
                }
            });
        }

        @Override
        public int getOrder() {
            return Ordered.LOWEST_PRECEDENCE; // after Boot's customizer, which adds its own valve
        }
    }
}
