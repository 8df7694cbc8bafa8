package io.billstream.gateway;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.billstream.testsupport.arch.ServiceShape;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The gateway keeps the shared shape (docs/gateway.md, "Shape"): adapters around a small accounts domain. Beyond the
 * shared rules, the domain reads no settings object: config hands it plain values.
 */
@AnalyzeClasses(packages = GatewayArchitectureTest.ROOT, importOptions = ImportOption.DoNotIncludeTests.class)
class GatewayArchitectureTest {

    static final String ROOT = "io.billstream.gateway";

    @ArchTest
    static final ArchRule shape = ServiceShape.of(ROOT);

    @ArchTest
    static final ArchRule domainReadsNoSettings = noClasses().that().resideInAPackage(ROOT + ".domain..")
            .should().dependOnClassesThat().haveNameMatching(GatewayProperties.class.getName() + ".*")
            .because("config hands the domain plain values (LoginThrottle.Policy, the token secret)");
}
