package io.billstream.platform.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.billstream.platform.idempotency.IdempotencyHousekeeping;
import io.billstream.platform.idempotency.IdempotencyStore;
import io.billstream.platform.idempotency.IdempotentRequestFilter;
import io.billstream.platform.security.SeenVersionArrival;
import io.billstream.platform.security.SeenVersionWaitFilter;
import io.billstream.platform.idempotency.StoredResponseRedactor;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.time.Clock;
import java.time.Duration;

/**
 * Every service (and the gateway, for its own endpoints) gets the same-transaction Idempotency-Key record for every
 * POST, present and future, without code in its controllers: see {@link IdempotentRequestFilter}.
 */
@AutoConfiguration(after = PlatformWebAutoConfiguration.class, afterName = {
        "org.springframework.boot.autoconfigure.jdbc.DataSourceTransactionManagerAutoConfiguration",
        "org.springframework.boot.autoconfigure.orm.jpa.HibernateJpaAutoConfiguration",
        "org.springframework.boot.autoconfigure.transaction.TransactionAutoConfiguration"})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnSingleCandidate(PlatformTransactionManager.class)
@ConditionalOnProperty(name = "billstream.idempotency.enabled", havingValue = "true", matchIfMissing = true)
public class PlatformIdempotencyAutoConfiguration {

    @Bean
    IdempotencyStore idempotencyStore(DataSource dataSource,
                                      @Value("${billstream.idempotency.retention:PT25H}") Duration retention) {
        return new IdempotencyStore(JdbcClient.create(dataSource), retention);
    }

    @Bean
    IdempotencyHousekeeping idempotencyHousekeeping(IdempotencyStore store, Clock clock,
                                                    @Value("${billstream.idempotency.purge-interval:PT10M}")
                                                    Duration interval) {
        return new IdempotencyHousekeeping(store, clock, interval);
    }

    @Bean
    FilterRegistrationBean<IdempotentRequestFilter> idempotentRequestFilter(
            IdempotencyStore store, PlatformTransactionManager transactions, ObjectMapper mapper,
            ObjectProvider<StoredResponseRedactor> redactor, Clock clock, ObjectProvider<MeterRegistry> meters) {
        FilterRegistrationBean<IdempotentRequestFilter> registration = new FilterRegistrationBean<>(
                new IdempotentRequestFilter(store, new TransactionTemplate(transactions), mapper,
                        redactor.getIfUnique(), clock, meters.getIfUnique()));
        registration.setOrder(IdempotentRequestFilter.ORDER);
        return registration;
    }

    /**
     * Only in a service that waits for versions its callers have seen (payment-service, document-service): that wait
     * runs before the idempotency transaction opens.
     */
    @Bean
    @ConditionalOnBean(SeenVersionArrival.class)
    FilterRegistrationBean<SeenVersionWaitFilter> seenVersionWaitFilter(SeenVersionArrival arrival,
                                                                        ObjectMapper mapper) {
        FilterRegistrationBean<SeenVersionWaitFilter> registration = new FilterRegistrationBean<>(
                new SeenVersionWaitFilter(arrival, mapper));
        registration.setOrder(SeenVersionWaitFilter.ORDER);
        return registration;
    }

    @Bean
    IdempotentRequestFilter.FailureRecorder idempotentRequestFailureRecorder() {
        return new IdempotentRequestFilter.FailureRecorder();
    }
}
