package io.billstream.invoice;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.billstream.testsupport.arch.ServiceShape;

/** The service's packages keep the shared shape: acyclic feature slices, message-only api, a domain free of adapters. */
@AnalyzeClasses(packages = "io.billstream.invoice", importOptions = ImportOption.DoNotIncludeTests.class)
class InvoiceArchitectureTest {

    @ArchTest
    static final ArchRule shape = ServiceShape.of("io.billstream.invoice");
}
