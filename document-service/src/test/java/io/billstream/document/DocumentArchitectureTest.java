package io.billstream.document;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.billstream.testsupport.arch.ServiceShape;

/** The service's feature slices keep the shared shape (docs/document-service.md, "Shape"). */
@AnalyzeClasses(packages = "io.billstream.document", importOptions = ImportOption.DoNotIncludeTests.class)
class DocumentArchitectureTest {

    @ArchTest
    static final ArchRule shape = ServiceShape.of("io.billstream.document");
}
