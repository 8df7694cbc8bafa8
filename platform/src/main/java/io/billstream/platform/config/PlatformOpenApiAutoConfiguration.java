package io.billstream.platform.config;

import io.billstream.platform.security.Caller;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;

/** {@link Caller} comes from the internal token, not from the client: keep it out of every OpenAPI document. */
@AutoConfiguration
@ConditionalOnClass(SpringDocUtils.class)
public class PlatformOpenApiAutoConfiguration {
    static {
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(Caller.class);
    }
}
