package com.eventshop.orders;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The layering of the orders service. */
class OrdersArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("com.eventshop.orders");

    @Test
    void theDomainIsPlainJava() {
        noClasses().that().resideInAPackage("com.eventshop.orders.domain..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "org.apache.kafka..",
                        "jakarta..", "com.eventshop.platform..", "com.eventshop.orders.streams..",
                        "com.eventshop.orders.api..", "com.eventshop.orders.config..")
                .check(CLASSES);
    }

    @Test
    void theTopologyKnowsNothingOfSpringOrTheApi() {
        noClasses().that().resideInAPackage("com.eventshop.orders.streams..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..",
                        "com.eventshop.platform..", "com.eventshop.orders.api..", "com.eventshop.orders.config..")
                .check(CLASSES);
    }

    @Test
    void onlyTheForwarderMakesHttpCalls() {
        noClasses().that().haveSimpleNameNotEndingWith("Forwarder")
                .should().dependOnClassesThat().haveFullyQualifiedName("java.net.http.HttpClient")
                .check(CLASSES);
    }
}
