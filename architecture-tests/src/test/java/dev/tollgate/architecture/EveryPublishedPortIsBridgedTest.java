package dev.tollgate.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.tollgate.architecture.TollgateImport.ExcludeMicronautGenerated;
import dev.tollgate.architecture.TollgateImport.ExcludeTestSupportAndFixtures;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * A port a module publishes for others to fulfil ({@code <module>.api.spi}) has exactly one bridge in bootstrap, and
 * bootstrap's {@code ModuleBridges} asks for it at start-up, so a missing bridge fails start-up instead of a request.
 */
class EveryPublishedPortIsBridgedTest {
    private static final JavaClasses PRODUCTION = new ClassFileImporter()
            .withImportOption(new ImportOption.DoNotIncludeTests())
            .withImportOption(new ExcludeMicronautGenerated())
            .withImportOption(new ExcludeTestSupportAndFixtures())
            .importPackages(TollgateImport.ROOT);

    private static List<JavaClass> publishedPorts() {
        return PRODUCTION.stream()
                .filter(c -> c.getPackageName().matches("dev\\.tollgate\\.[a-z]+\\.api\\.spi(\\..*)?"))
                .filter(JavaClass::isInterface).filter(JavaClass::isTopLevelClass)
                .toList();
    }

    @Test
    void eachPublishedPortHasExactlyOneBridgeInBootstrap() {
        assertFalse(publishedPorts().isEmpty(), "no api.spi port imported: the check would pass on nothing");
        for (JavaClass port : publishedPorts()) {
            List<String> implementations = port.getAllSubclasses().stream().map(JavaClass::getName).sorted().toList();
            assertEquals(1, implementations.size(), port.getName() + " is implemented by " + implementations);
            assertEquals("dev.tollgate.bootstrap", port.getAllSubclasses().iterator().next().getPackageName(),
                    port.getName() + " must be bridged by the deployable, not by its own module (no stand-ins in production)");
        }
    }

    @Test
    void startUpAsksForEveryPublishedPort() throws Exception {
        java.lang.reflect.Field ports = Class.forName("dev.tollgate.bootstrap.ModuleBridges").getDeclaredField("PORTS");
        ports.setAccessible(true);
        Set<String> required = ((List<?>) ports.get(null)).stream().map(port -> ((Class<?>) port).getName()).collect(Collectors.toSet());
        Set<String> published = publishedPorts().stream().map(JavaClass::getName).collect(Collectors.toSet());
        assertEquals(published, required, "ModuleBridges must require exactly the api.spi ports");
    }
}
