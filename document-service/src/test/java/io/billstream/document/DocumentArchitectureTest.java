package io.billstream.document;

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
 * document-service's shape (docs/document-service.md, "Shape"): feature slices ({@code documents}, {@code email},
 * and any further one such as {@code einvoice}), each with its own {@code api}/{@code domain}/{@code web}/
 * {@code persistence}/{@code messaging}/{@code config} sub-packages as it needs them. The patterns match a layer at
 * any depth, so a new slice is covered without touching this test.
 */
@AnalyzeClasses(packages = DocumentArchitectureTest.ROOT, importOptions = ImportOption.DoNotIncludeTests.class)
class DocumentArchitectureTest {

    static final String ROOT = "io.billstream.document";

    @ArchTest
    static final ArchRule slicesAreFreeOfCycles = slices().matching(ROOT + ".(*)..").namingSlices("$1")
            .should().beFreeOfCycles()
            .because("email depends on documents (snapshots, PDFs) and documents tells email of invoice events only"
                    + " through its own port, InvoiceEventObserver");

    @ArchTest
    static final ArchRule layersInsideSlicesAreFreeOfCycles = slices().matching(ROOT + ".(*).(*)..")
            .namingSlices("$1.$2")
            .should().beFreeOfCycles()
            .because("inside a slice, adapters depend on the domain and never the other way round");

    @ArchTest
    static final ArchRule apiHoldsMessagesOnly = noClasses().that().resideInAPackage(ROOT + "..api..")
            .should().dependOnClassesThat(resideInAPackage(ROOT + "..").and(not(resideInAPackage(ROOT + "..api.."))))
            .orShould().dependOnClassesThat().resideInAnyPackage("org.springframework..", "jakarta..",
                    "javax.servlet..", "java.sql..", "io.billstream.platform.web..")
            .because("api holds commands and integration message records; HTTP bodies and their validation belong to"
                    + " web");

    @ArchTest
    static final ArchRule domainKnowsNoAdapter = noClasses().that().resideInAPackage(ROOT + "..domain..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    ROOT + "..web..", ROOT + "..persistence..", ROOT + "..messaging..", ROOT + "..config..",
                    "io.billstream.platform.web..",
                    "org.springframework.web..", "org.springframework.http..", "jakarta.servlet..",
                    "org.springframework.jdbc..", "java.sql..", "javax.sql..", "org.springframework.kafka..",
                    "org.apache.kafka..", "jakarta.persistence..")
            .because("the domain owns its ports (InvoiceSnapshots, InvoiceRenders, CreditNoteRenders, EmailStore);"
                    + " persistence implements them, web and messaging call the domain");

    @ArchTest
    static final ArchRule storageAndMessagingDoNotUseWeb = noClasses().that()
            .resideInAnyPackage(ROOT + "..persistence..", ROOT + "..messaging..")
            .should().dependOnClassesThat().resideInAPackage(ROOT + "..web..")
            .because("storage and messaging work without HTTP; the email inside an event is email.api.EmailData, not"
                    + " the HTTP EmailView");

    @ArchTest
    static final ArchRule onlyConfigUsesConfig = classes().that().resideInAPackage(ROOT + "..config..")
            .should().onlyHaveDependentClassesThat().resideInAnyPackage(ROOT + "..config..", ROOT)
            .because("config is framework plumbing: it wires the rest, the rest does not reach into it (typed"
                    + " settings such as email.EmailProperties sit at their slice's root)");
}
