package dev.tollgate.architecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.tollgate.architecture.TollgateImport.ExcludeMicronautGenerated;
import dev.tollgate.architecture.TollgateImport.ExcludeTestSupportAndFixtures;

/** Rules 3-8: the layers inside each module over the production code. */
@AnalyzeClasses(packages = TollgateImport.ROOT, importOptions = {
        ImportOption.DoNotIncludeTests.class, ExcludeMicronautGenerated.class, ExcludeTestSupportAndFixtures.class})
class HexagonTest {
    @ArchTest
    static final ArchRule domainIsPure = TollgateRules.domainIsPure(TollgateImport.ROOT);

    @ArchTest
    static final ArchRule apiExposesNoFrameworkOrInternals = TollgateRules.apiExposesNoFrameworkOrInternals(TollgateImport.ROOT);

    @ArchTest
    static final ArchRule applicationDoesNotDependOnAdapters = TollgateRules.applicationDoesNotDependOnAdapters(TollgateImport.ROOT);

    @ArchTest
    static final ArchRule applicationUsesOnlyInjectionTransactionsAndEvents =
            TollgateRules.applicationUsesOnlyInjectionTransactionsAndEvents(TollgateImport.ROOT);

    @ArchTest
    static final ArchRule adaptersDoNotDependOnOtherAdapters = TollgateRules.adaptersDoNotDependOnOtherAdapters(TollgateImport.ROOT);

    @ArchTest
    static final ArchRule drivingSideUsesOnlyInboundPorts = TollgateRules.drivingSideUsesOnlyInboundPorts(TollgateImport.ROOT);

    @ArchTest
    static final ArchRule publicAdapterClassesStayInTheirAdapter =
            TollgateRules.publicAdapterClassesStayInTheirAdapter(TollgateImport.ROOT);

    @ArchTest
    static final ArchRule eventsAreRecords = TollgateRules.eventsAreRecords(TollgateImport.ROOT);
}
