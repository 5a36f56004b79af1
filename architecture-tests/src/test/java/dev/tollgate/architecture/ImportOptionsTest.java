package dev.tollgate.architecture;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.tollgate.architecture.TollgateImport.ExcludeMicronautGenerated;
import dev.tollgate.architecture.TollgateImport.ExcludeTestSupportAndFixtures;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** The rules are only as good as what they see: every module's real classes, and nothing generated or planted. */
class ImportOptionsTest {
    private static final Predicate<JavaClass> GENERATED = c -> c.getName().contains("$Definition")
            || c.getName().contains("$Introspection") || c.getName().contains("$Intercepted")
            || c.getSimpleName().startsWith("$");

    /** Every Maven module whose sources hold more than a package-info (read from the checkout, so none is forgotten). */
    private static java.util.List<String> modulesWithClasses() throws java.io.IOException {
        java.nio.file.Path root = java.nio.file.Path.of("..").toAbsolutePath().normalize();
        java.util.List<java.nio.file.Path> sources = new java.util.ArrayList<>(
                java.util.List.of(root.resolve("platform/src/main/java/dev/tollgate/platform"),
                        root.resolve("bootstrap/src/main/java/dev/tollgate/bootstrap")));
        try (var modules = java.nio.file.Files.list(root.resolve("modules"))) {
            modules.forEach(m -> sources.add(m.resolve("src/main/java/dev/tollgate/" + m.getFileName())));
        }
        java.util.List<String> withClasses = new java.util.ArrayList<>();
        for (java.nio.file.Path source : sources) {
            try (var files = java.nio.file.Files.walk(source)) {
                if (files.anyMatch(f -> f.toString().endsWith(".java") && !f.endsWith("package-info.java"))) {
                    withClasses.add(source.getFileName().toString());
                }
            }
        }
        return withClasses;
    }

    @Test
    void productionImportSeesEveryModuleButNothingGeneratedPlantedOrTestOnly() throws Exception {
        JavaClasses classes = new ClassFileImporter()
                .withImportOption(new ImportOption.DoNotIncludeTests())
                .withImportOption(new ExcludeMicronautGenerated())
                .withImportOption(new ExcludeTestSupportAndFixtures())
                .importPackages(TollgateImport.ROOT);

        assertTrue(classes.contain("dev.tollgate.tenancy.domain.Organization"));
        assertTrue(classes.contain("dev.tollgate.tenancy.application.service.WorkspaceService"));
        assertTrue(classes.contain("dev.tollgate.tenancy.adapters.out.persistence.OrganizationRow"));
        assertTrue(classes.contain("dev.tollgate.platform.domain.TypeId"));
        assertTrue(classes.contain("dev.tollgate.bootstrap.Application"));
        // Every module with classes of its own is imported, so no rule passes on an empty set for it.
        java.util.List<String> modules = modulesWithClasses();
        assertTrue(modules.containsAll(java.util.List.of("platform", "tenancy", "proxy", "bootstrap")), modules.toString());
        for (String module : modules) {
            assertTrue(classes.stream().anyMatch(c -> (c.getPackageName() + ".").startsWith("dev.tollgate." + module + ".")
                            && !c.getSimpleName().equals("package-info")), "no class of " + module + " imported");
        }
        assertFalse(classes.stream().anyMatch(GENERATED), "Micronaut-generated classes imported");
        assertFalse(classes.stream().anyMatch(c -> c.getPackageName().startsWith("dev.tollgate.archfixtures")));
        assertFalse(classes.stream().anyMatch(c -> c.getPackageName().startsWith("dev.tollgate.testing")));
        assertFalse(classes.stream().anyMatch(c -> c.getPackageName().startsWith("dev.tollgate.architecture")));
    }

    @Test
    void generatedClassesExistAndAreExcluded() {
        String fixtures = "dev.tollgate.archfixtures";
        assertTrue(new ClassFileImporter().importPackages(fixtures).stream().anyMatch(GENERATED),
                "expected Micronaut to generate classes for the fixtures, so the exclusion is really exercised");
        assertFalse(new ClassFileImporter().withImportOption(new ExcludeMicronautGenerated())
                .importPackages(fixtures).stream().anyMatch(GENERATED));
    }
}
