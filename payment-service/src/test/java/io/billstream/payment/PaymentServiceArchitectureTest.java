package io.billstream.payment;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The package shape of payment-service (docs/payment-service.md, "Shape"): message-only {@code api}, a {@code domain} that knows no
 * adapter or web/JDBC/Kafka framework, adapters that never reach into {@code web}, and {@code config} kept private.
 */
@AnalyzeClasses(packages = PaymentServiceArchitectureTest.BASE, importOptions = ImportOption.DoNotIncludeTests.class)
class PaymentServiceArchitectureTest {

    static final String BASE = "io.billstream.payment";

    @ArchTest
    static final ArchRule packagesAreFreeOfCycles = slices().matching(BASE + ".(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule apiHoldsMessagesOnly = noClasses().that().resideInAPackage(BASE + ".api..")
            .should().dependOnClassesThat(resideInAPackage(BASE + "..").and(not(resideInAPackage("..api.."))))
            .orShould().dependOnClassesThat(resideInAnyPackage("org.springframework..", "jakarta..", "javax.servlet..",
                    "java.sql..", "javax.sql..", "io.billstream.platform.web.."))
            .because("api holds the messages other parts exchange: no HTTP bodies, no framework");

    @ArchTest
    static final ArchRule domainKnowsNoAdapter = noClasses().that().resideInAPackage(BASE + ".domain..")
            .should().dependOnClassesThat(resideInAnyPackage(BASE + ".web..", BASE + ".persistence..",
                    BASE + ".messaging..", BASE + ".config..", "io.billstream.platform.web..",
                    "org.springframework.web..", "org.springframework.http..", "jakarta.servlet..",
                    "org.springframework.jdbc..", "java.sql..", "javax.sql..", "org.springframework.kafka..",
                    "org.apache.kafka..", "jakarta.persistence.."))
            .because("the domain states the rules and names its needs as ports; adapters implement them");

    @ArchTest
    static final ArchRule adaptersNeverReachIntoWeb = noClasses()
            .that().resideInAnyPackage(BASE + ".persistence..", BASE + ".messaging..")
            .should().dependOnClassesThat(resideInAPackage(BASE + ".web.."))
            .allowEmptyShould(true)
            .because("HTTP bodies and controllers are the edge; nothing below depends on them");

    @ArchTest
    static final ArchRule configIsPrivate = noClasses().that().resideOutsideOfPackages(BASE + ".config..", BASE)
            .should().dependOnClassesThat(resideInAPackage(BASE + ".config.."))
            .because("config is plumbing that wires everything; anything depending back on it would close a cycle "
                    + "(bound settings records live beside the Application class or in the domain)");
}

