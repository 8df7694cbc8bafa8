package io.billstream.testsupport.arch;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;
import java.util.List;

/**
 * The package shape every service follows: message-only {@code api}, a
 * {@code domain} that knows no adapter and no HTTP, {@code web}/{@code persistence}/{@code messaging} adapters around it
 * and framework plumbing in {@code config}. The layer packages may sit at the service root
 * ({@code io.billstream.payment.domain}) or inside feature slices ({@code io.billstream.invoice.customers.domain}); the
 * patterns below match both.
 *
 * <p>A service's test is a few lines:
 * <pre>{@code
 * @AnalyzeClasses(packages = "io.billstream.invoice", importOptions = ImportOption.DoNotIncludeTests.class)
 * class InvoiceArchitectureTest {
 *     @ArchTest
 *     static final ArchRule shape = ServiceShape.of("io.billstream.invoice");
 * }
 * }</pre>
 */
public final class ServiceShape {

    private static final String[] SPRING_JAKARTA_JDBC = {
        "org.springframework..", "jakarta..", "javax.servlet..", "javax.sql..", "java.sql..", "org.hibernate.."
    };

    private ServiceShape() {
    }

    /** All rules as one, so a single test reports every violation of every rule at once. */
    public static ArchRule of(String root) {
        List<ArchRule> rules = rules(root);
        CompositeArchRule all = CompositeArchRule.of(rules.getFirst());
        for (ArchRule rule : rules.subList(1, rules.size())) {
            all = all.and(rule);
        }
        return all;
    }

    /** The rules one by one, for a service that wants a test per rule (or has to leave one out, saying why). */
    public static List<ArchRule> rules(String root) {
        return List.of(
            slicesFreeOfCycles(root),
            apiHoldsMessagesOnly(root),
            domainKnowsNoAdapter(root),
            adaptersDoNotUseWeb(root),
            onlyConfigUsesConfig(root));
    }

    public static ArchRule slicesFreeOfCycles(String root) {
        ArchRule topLevel = slices().matching(root + ".(*)..").namingSlices("$1")
            .should().beFreeOfCycles()
            .allowEmptyShould(true)
            .because("a package cycle makes neither side understandable, testable or movable on its own");
        // inside a feature slice (invoicing.domain, invoicing.web ...) and inside a layer's sub-packages alike
        ArchRule secondLevel = slices().matching(root + ".(*).(*)..").namingSlices("$1.$2")
            .should().beFreeOfCycles()
            .allowEmptyShould(true)
            .because("inside a slice, adapters depend on the domain and never the other way round");
        return CompositeArchRule.of(topLevel).and(secondLevel);
    }

    public static ArchRule apiHoldsMessagesOnly(String root) {
        return noClasses().that().resideInAPackage(root + "..api..")
            .should().dependOnClassesThat(
                resideInAPackage(root + "..").and(not(resideInAPackage(root + "..api.."))))
            .orShould().dependOnClassesThat().resideInAnyPackage(SPRING_JAKARTA_JDBC)
            .orShould().dependOnClassesThat().resideInAPackage("io.billstream.platform.web..")
            .allowEmptyShould(true)
            .because("api holds the messages (commands, events, queries, integration records) other code and services"
                + " share; HTTP bodies and their validation belong to web");
    }

    public static ArchRule domainKnowsNoAdapter(String root) {
        return noClasses().that().resideInAPackage(root + "..domain..")
            .should().dependOnClassesThat().resideInAnyPackage(
                root + "..web..", root + "..persistence..", root + "..messaging..", root + "..config..",
                "io.billstream.platform.web..",
                "org.springframework.web..", "org.springframework.http..", "jakarta.servlet..",
                "org.springframework.jdbc..", "javax.sql..", "org.springframework.kafka..", "org.apache.kafka..",
                "jakarta.persistence..", "org.hibernate..", "org.springframework.data.jpa..")
            .allowEmptyShould(true)
            .because("the domain speaks in its own terms (DomainException with an ErrorCode, ports it owns); adapters"
                + " translate at the edge");
    }

    public static ArchRule adaptersDoNotUseWeb(String root) {
        return noClasses().that().resideInAnyPackage(root + "..persistence..", root + "..messaging..")
            .should().dependOnClassesThat(resideInAnyPackage(root + "..web.."))
            .allowEmptyShould(true)
            .because("storage and messaging work without HTTP; what both need lives in domain or api");
    }

    public static ArchRule onlyConfigUsesConfig(String root) {
        return classes().that().resideInAPackage(root + "..config..")
            .should().onlyHaveDependentClassesThat().resideInAnyPackage(root + "..config..", root)
            .allowEmptyShould(true)
            .because("config is framework plumbing: it wires the rest, the rest does not reach into it");
    }
}
