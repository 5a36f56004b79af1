package dev.tollgate.architecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.tollgate.architecture.TollgateImport.ExcludeMicronautGenerated;
import dev.tollgate.architecture.TollgateImport.ExcludeTestSupportAndFixtures;

/** Rule 10: ports and services are shaped and named as docs/architecture.md says, over the production code. */
@AnalyzeClasses(packages = TollgateImport.ROOT, importOptions = {
        ImportOption.DoNotIncludeTests.class, ExcludeMicronautGenerated.class, ExcludeTestSupportAndFixtures.class})
class NamingTest {
    @ArchTest
    static final ArchRule inboundPortsAreUseCases = TollgateRules.inboundPortsAreUseCases(TollgateImport.ROOT);

    @ArchTest
    static final ArchRule outboundPortsAreInterfaces = TollgateRules.outboundPortsAreInterfaces(TollgateImport.ROOT);

    @ArchTest
    static final ArchRule servicesAreNotPublic = TollgateRules.servicesAreNotPublic(TollgateImport.ROOT);
}
