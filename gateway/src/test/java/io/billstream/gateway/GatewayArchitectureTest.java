package io.billstream.gateway;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The gateway's package shape (docs/gateway.md, "Shape"): a small domain (accounts, users, API keys, sessions) with
 * its ports, and adapters around it (web, persistence, routing, graphql, ratelimit, idempotency, dashboard), wired in
 * config.
 */
@AnalyzeClasses(packages = GatewayArchitectureTest.ROOT, importOptions = ImportOption.DoNotIncludeTests.class)
class GatewayArchitectureTest {

    static final String ROOT = "io.billstream.gateway";

    @ArchTest
    static final ArchRule packagesAreFreeOfCycles = slices().matching(ROOT + ".(*)..").namingSlices("$1")
            .should().beFreeOfCycles()
            .because("each adapter depends on the domain (and on web's authenticated principal), never the reverse");

    @ArchTest
    static final ArchRule apiHoldsMessagesOnly = noClasses().that().resideInAPackage(ROOT + ".api..")
            .should().dependOnClassesThat(resideInAPackage(ROOT + "..").and(not(resideInAPackage(ROOT + ".api.."))))
            .orShould().dependOnClassesThat().resideInAnyPackage("org.springframework..", "jakarta..",
                    "javax.servlet..", "java.sql..", "io.billstream.platform.web..")
            .because("api holds the commands the domain accepts; HTTP bodies and their validation belong to web");

    @ArchTest
    static final ArchRule domainKnowsNoAdapter = noClasses().that().resideInAPackage(ROOT + ".domain..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    ROOT + ".web..", ROOT + ".persistence..", ROOT + ".messaging..", ROOT + ".config..",
                    ROOT + ".routing..", ROOT + ".graphql..", ROOT + ".ratelimit..", ROOT + ".idempotency..",
                    ROOT + ".dashboard..", "io.billstream.platform.web..",
                    "org.springframework.web..", "org.springframework.http..", "jakarta.servlet..",
                    "org.springframework.jdbc..", "org.springframework.dao..", "java.sql..",
                    "org.springframework.kafka..", "jakarta.persistence..")
            .because("the domain owns its ports (AccountStore, ApiKeyStore, ...); adapters implement and call it");

    @ArchTest
    static final ArchRule domainReadsNoSettings = noClasses().that().resideInAPackage(ROOT + ".domain..")
            .should().dependOnClassesThat().haveNameMatching(GatewayProperties.class.getName() + ".*")
            .because("config hands the domain plain values (LoginThrottle.Policy, the token secret)");

    @ArchTest
    static final ArchRule storageDoesNotUseWeb = noClasses().that().resideInAnyPackage(ROOT + ".persistence..",
                    ROOT + ".messaging..")
            .should().dependOnClassesThat().resideInAPackage(ROOT + ".web..")
            .because("storage works without HTTP");

    @ArchTest
    static final ArchRule onlyConfigUsesConfig = classes().that().resideInAPackage(ROOT + ".config..")
            .should().onlyHaveDependentClassesThat().resideInAnyPackage(ROOT + ".config..", ROOT)
            .because("config is framework plumbing: it wires the rest, the rest does not reach into it"
                    + " (the typed settings, GatewayProperties, sit at the root next to the application)");
}
