package io.billstream.testsupport;

import org.springframework.beans.factory.support.DefaultSingletonBeanRegistry;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Points each Spring test context at its own new database (named after {@code spring.application.name}) and drops
 * that database when the context closes (Spring's test context cache closes its contexts when the JVM exits, or
 * earlier when it evicts one or a test dirties it).
 */
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
        // The first disposable bean registered is the last destroyed: by the time it runs, the connection pool and
        // everything using it (event processors, listeners, schedulers) have shut down, so the drop closes nothing
        // that is still working. Also runs when the context fails to start.
        if (context.getBeanFactory() instanceof DefaultSingletonBeanRegistry registry) {
            registry.registerDisposableBean(FreshDatabaseInitializer.class.getName() + ".database",
                    () -> TestDatabases.drop(url));
            TestDatabases.usedWhile(url, context::isActive);
        }
    }
}
