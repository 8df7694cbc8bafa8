package io.billstream.payment;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.billstream.testsupport.arch.ServiceShape;

/** The service's packages keep the shared shape (docs/payment-service.md, "Shape"). */
@AnalyzeClasses(packages = "io.billstream.payment", importOptions = ImportOption.DoNotIncludeTests.class)
class PaymentServiceArchitectureTest {

    @ArchTest
    static final ArchRule shape = ServiceShape.of("io.billstream.payment");
}
