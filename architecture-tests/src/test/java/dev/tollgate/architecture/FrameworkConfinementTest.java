package dev.tollgate.architecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.tollgate.architecture.TollgateImport.ExcludeMicronautGenerated;
import dev.tollgate.architecture.TollgateImport.ExcludeTestSupportAndFixtures;

/** Rule 9: framework and vendor types stay in the adapters made for them, over the production code. */
@AnalyzeClasses(packages = TollgateImport.ROOT, importOptions = {
        ImportOption.DoNotIncludeTests.class, ExcludeMicronautGenerated.class, ExcludeTestSupportAndFixtures.class})
class FrameworkConfinementTest {
    @ArchTest
    static final ArchRule controllersAreHttpAdapters = TollgateRules.controllersAreHttpAdapters(TollgateImport.ROOT);

    @ArchTest
    static final ArchRule mappedEntitiesArePersistenceRows = TollgateRules.mappedEntitiesArePersistenceRows(TollgateImport.ROOT);

    @ArchTest
    static final ArchRule jdbcRepositoriesArePersistenceRowRepositories =
            TollgateRules.jdbcRepositoriesArePersistenceRowRepositories(TollgateImport.ROOT);

    @ArchTest
    static final ArchRule stripeOnlyInBillingAdapters = TollgateRules.stripeOnlyInBillingAdapters(TollgateImport.ROOT);

    @ArchTest
    static final ArchRule nettyOnlyInProxyAdapters = TollgateRules.nettyOnlyInProxyAdapters(TollgateImport.ROOT);
}
