package com.eventshop.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The house rules of docs/architecture that a compiler cannot check. The launcher's class path
 * holds every service, so this is where they are all seen together.
 */
class ArchitectureTest {

    /** Service packages: com.eventshop.<service>. */
    static final List<String> SERVICES = ServiceCatalog.ALL.stream()
            .map(ServiceCatalog.ServiceDefinition::name).toList();

    static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("com.eventshop");
    }

    @Test
    void domainCodeIsPlainJava() {
        ArchRule rule = noClasses().that().resideInAPackage("com.eventshop..domain..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "org.springframework..", "org.apache.kafka..", "jakarta.servlet..")
                .allowEmptyShould(true)
                .because("the rules of a service are plain Java, tested without Spring or Kafka");
        rule.check(classes);
    }

    @Test
    void noServiceDependsOnAnotherService() {
        for (String service : SERVICES) {
            String own = "com.eventshop." + service + "..";
            String[] others = SERVICES.stream().filter(s -> !s.equals(service))
                    .map(s -> "com.eventshop." + s + "..").toArray(String[]::new);
            noClasses().that().resideInAPackage(own)
                    .should().dependOnClassesThat().resideInAnyPackage(others)
                    .allowEmptyShould(true)
                    .because("services collaborate through Kafka events, never through each other's code")
                    .check(classes);
        }
    }

    @Test
    void onlyTheDocumentedPlacesMakeHttpCalls() {
        // Allowed: the gateway (it fronts the services) and *Forwarder classes in a service's api
        // package (an interactive query forwarded to the instance that owns the key). The crawler's
        // fetch package fetches web sites outside the system: that is its job, not a service call.
        ArchRule rule = noClasses()
                .that().resideInAPackage("com.eventshop..")
                .and().resideOutsideOfPackage("com.eventshop.gateway..")
                .and().resideOutsideOfPackage("com.eventshop.crawler.fetch..")
                .and().haveSimpleNameNotEndingWith("Forwarder")
                .and().resideOutsideOfPackage("com.eventshop.app..")
                .should(makeHttpCalls())
                .allowEmptyShould(true)
                .because("services react to events; HTTP inside the system is the gateway and key forwarding only");
        rule.check(classes);
    }

    private static ArchCondition<JavaClass> makeHttpCalls() {
        List<String> clients = List.of("java.net.http.HttpClient", "java.net.HttpURLConnection",
                "org.springframework.web.client.RestClient", "org.springframework.web.client.RestTemplate",
                "org.springframework.web.reactive.function.client.WebClient");
        return new ArchCondition<>("make HTTP calls") {
            @Override
            public void check(JavaClass javaClass, ConditionEvents events) {
                javaClass.getDirectDependenciesFromSelf().stream()
                        .filter(d -> clients.contains(d.getTargetClass().getName()))
                        .forEach(d -> events.add(SimpleConditionEvent.violated(d, d.getDescription())));
            }
        };
    }
}
