package io.billstream.testsupport;

import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/** Points each Spring test context at its own new database (named after {@code spring.application.name}). */
public class FreshDatabaseInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        String service = context.getEnvironment().getProperty("spring.application.name", "svc");
        String url = TestDatabases.createFresh(service.replace("-service", ""));
        TestDatabases.Server server = TestDatabases.server();
        TestPropertyValues.of(
                "spring.datasource.url=" + url,
                "spring.datasource.username=" + server.user(),
                "spring.datasource.password=" + server.password()
        ).applyTo(context);
    }
}
