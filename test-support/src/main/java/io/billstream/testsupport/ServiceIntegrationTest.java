package io.billstream.testsupport;

import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.ContextConfiguration;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A whole service on a random port, against its own fresh PostgreSQL database and an embedded KRaft Kafka
 * broker. Tests sharing this annotation (and no other context changes) share one context and one broker. Metrics
 * export and tracing stay on, as in production (Boot's tests turn them off by default), so /actuator/prometheus and
 * the traceparent headers of docs/api-reference.md §10 and §17 are there to test.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@AutoConfigureObservability
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@EmbeddedKafka(kraft = true, partitions = 2, bootstrapServersProperty = "spring.kafka.bootstrap-servers")
@ContextConfiguration(initializers = FreshDatabaseInitializer.class)
public @interface ServiceIntegrationTest {
}
