package io.billstream.gateway;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The launcher, the benchmark script and the system tests configure the gateway through environment variables. */
class GatewayPropertiesBindingTest {

    @Test
    void environmentVariablesInEitherSpellingBind() {
        GatewayProperties properties = bind(Map.of(
                "BILLSTREAM_GATEWAY_ROUTES_INVOICE", "http://127.0.0.1:8081,http://127.0.0.1:8181",
                "BILLSTREAM_GATEWAY_RATELIMIT_TENANT_REQUESTSPERSECOND", "2000",
                "BILLSTREAM_GATEWAY_RATELIMIT_TENANT_BURST", "4000",
                "BILLSTREAM_GATEWAY_RATE_LIMIT_API_KEY_REQUESTS_PER_SECOND", "100000",
                "BILLSTREAM_GATEWAY_RATE_LIMIT_API_KEY_BURST", "200000",
                "BILLSTREAM_GATEWAY_RATE_LIMIT_ANONYMOUS_BURST", "300"));

        assertThat(GatewayProperties.Routes.parse(properties.routes().invoice())).hasSize(2);
        assertThat(properties.routes().payment()).isEqualTo("http://127.0.0.1:8082");
        assertThat(properties.rateLimit().tenant().requestsPerSecond()).isEqualTo(2000);
        assertThat(properties.rateLimit().tenant().burst()).isEqualTo(4000);
        assertThat(properties.rateLimit().apiKey().requestsPerSecond()).isEqualTo(100000);
        assertThat(properties.rateLimit().apiKey().burst()).isEqualTo(200000);
        assertThat(properties.rateLimit().anonymous().burst()).isEqualTo(300);
    }

    private static GatewayProperties bind(Map<String, Object> environment) {
        StandardEnvironment env = new StandardEnvironment();
        MutablePropertySources sources = env.getPropertySources();
        // only the variables given: StandIns leaves billstream.gateway.routes.* in the JVM's system properties
        sources.remove(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME);
        sources.addFirst(new SystemEnvironmentPropertySource("test-" + StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, environment));
        ConfigurationPropertySources.attach(env);
        return Binder.get(env).bindOrCreate("billstream.gateway", GatewayProperties.class);
    }
}
