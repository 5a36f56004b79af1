package dev.tollgate.architecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.tollgate.architecture.TollgateImport.ExcludeMicronautGenerated;
import dev.tollgate.architecture.TollgateImport.ExcludeTestSupportAndFixtures;

/** Rules 1-2: the module graph and "only through api" over the production code. */
@AnalyzeClasses(packages = TollgateImport.ROOT, importOptions = {
        ImportOption.DoNotIncludeTests.class, ExcludeMicronautGenerated.class, ExcludeTestSupportAndFixtures.class})
class ModuleBoundaryTest {
    @ArchTest
    static final ArchRule modulesRespectAllowedDependencies = TollgateRules.modulesRespectAllowedDependencies(TollgateImport.ROOT);

    @ArchTest
    static final ArchRule modulesUseEachOtherOnlyThroughApi = TollgateRules.modulesUseEachOtherOnlyThroughApi(TollgateImport.ROOT);
}
