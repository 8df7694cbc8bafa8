package io.billstream.webhook;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.billstream.testsupport.arch.ServiceShape;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The service's packages keep the shared shape (docs/webhook-service.md, "Shape"); {@code delivery}, the worker that
 * sends webhooks, is one more adapter: the domain never depends on it, and it never uses {@code web}.
 */
@AnalyzeClasses(packages = WebhookServiceArchitectureTest.BASE, importOptions = ImportOption.DoNotIncludeTests.class)
class WebhookServiceArchitectureTest {

    static final String BASE = "io.billstream.webhook";

    @ArchTest
    static final ArchRule shape = ServiceShape.of(BASE);

    @ArchTest
    static final ArchRule domainDoesNotUseDelivery = noClasses().that().resideInAPackage(BASE + ".domain..")
            .should().dependOnClassesThat().resideInAPackage(BASE + ".delivery..")
            .because("the domain names what it needs from delivery as ports (DeliveryTrigger, EndpointCircuits)");

    @ArchTest
    static final ArchRule deliveryDoesNotUseWeb = noClasses().that().resideInAPackage(BASE + ".delivery..")
            .should().dependOnClassesThat().resideInAPackage(BASE + ".web..")
            .because("sending webhooks works without the HTTP edge");
}
