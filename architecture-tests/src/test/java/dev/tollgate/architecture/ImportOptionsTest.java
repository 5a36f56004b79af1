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

/** The rules are only as good as what they see: the real tenancy classes, and nothing generated or planted. */
class ImportOptionsTest {
    private static final Predicate<JavaClass> GENERATED = c -> c.getName().contains("$Definition")
            || c.getName().contains("$Introspection") || c.getName().contains("$Intercepted")
            || c.getSimpleName().startsWith("$");

    @Test
    void productionImportSeesTenancyButNothingGeneratedPlantedOrTestOnly() {
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
