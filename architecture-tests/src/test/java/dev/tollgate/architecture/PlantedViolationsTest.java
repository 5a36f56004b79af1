package dev.tollgate.architecture;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import dev.tollgate.architecture.TollgateImport.ExcludeMicronautGenerated;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every rule, run over the miniature Tollgate in {@code dev.tollgate.archfixtures}, must fail, and must fail on the
 * class planted to break it, while the fixture classes that respect it stay unreported. A rule that cannot fail
 * protects nothing.
 */
class PlantedViolationsTest {
    private static final String FIXTURES = "dev.tollgate.archfixtures";

    private static JavaClasses fixtures;

    @BeforeAll
    static void importFixtures() {
        fixtures = new ClassFileImporter().withImportOption(new ExcludeMicronautGenerated()).importPackages(FIXTURES);
    }

    @Test
    void rule1_moduleGraph() {
        assertFails(TollgateRules.modulesRespectAllowedDependencies(FIXTURES),
                List.of("tenancy.application.service.CatalogCallingService"),
                List.of("webhooks.application.service.PlanEventsListener", "bootstrap.Wiring",
                        "catalog.application.service.TenancyInternalsReader"));
    }

    @Test
    void rule2_onlyThroughApi() {
        assertFails(TollgateRules.modulesUseEachOtherOnlyThroughApi(FIXTURES),
                List.of("catalog.application.service.TenancyInternalsReader", "webhooks.application.service.CatalogApiCaller",
                        "bootstrap.Wiring"),
                List.of("webhooks.application.service.PlanEventsListener", "bootstrap.SeatLimitsBridge",
                        "tenancy.application.service.CatalogCallingService"));
    }

    @Test
    void rule3_domainIsPure() {
        assertFails(TollgateRules.domainIsPure(FIXTURES),
                List.of("tenancy.domain.DomainUsingMicronaut", "tenancy.domain.DomainUsingJdbc",
                        "tenancy.domain.DomainUsingUuidGenerator", "tenancy.domain.DomainUsingOtherModule",
                        "tenancy.domain.DomainUsingOuterLayers", "billing.domain.StripeInvoice"),
                List.of("tenancy.domain.Account", "catalog.domain.Plan", "platform.domain.FixtureId"));
    }

    @Test
    void rule4_apiIsPlain() {
        assertFails(TollgateRules.apiExposesNoFrameworkOrInternals(FIXTURES),
                List.of("tenancy.api.FrameworkFacade", "tenancy.api.DomainLeakingFacade"),
                List.of("tenancy.api.TenancyFacade", "catalog.api.CatalogApi", "catalog.api.events.PlanPublished"));
    }

    @Test
    void rule5a_applicationDoesNotUseAdapters() {
        assertFails(TollgateRules.applicationDoesNotDependOnAdapters(FIXTURES),
                List.of("tenancy.application.service.AdapterCallingService"),
                List.of("tenancy.application.service.TransactionalService"));
    }

    @Test
    void rule5b_applicationFrameworkUse() {
        assertFails(TollgateRules.applicationUsesOnlyInjectionTransactionsAndEvents(FIXTURES),
                List.of("tenancy.application.service.HttpAwareService", "tenancy.application.service.DataAwareService"),
                List.of("tenancy.application.service.TransactionalService"));
    }

    @Test
    void rule6b_drivingSideUsesOnlyInboundPorts() {
        assertFails(TollgateRules.drivingSideUsesOnlyInboundPorts(FIXTURES),
                List.of("tenancy.adapters.in.http.nativeapi.StoreReadingController",
                        "tenancy.application.port.in.StoreLeakingUseCase"),
                List.of("tenancy.adapters.in.http.nativeapi.AccountsController"));
    }

    @Test
    void rule6_adaptersStandAlone() {
        assertFails(TollgateRules.adaptersDoNotDependOnOtherAdapters(FIXTURES),
                List.of("tenancy.adapters.in.http.nativeapi.OutboundAwareController",
                        "tenancy.adapters.out.persistence.InboundAwareStore",
                        "tenancy.adapters.out.persistence.JwtAwareStore",
                        "tenancy.adapters.in.http.pgbeam.CrossDialectController"),
                List.of("tenancy.adapters.in.http.nativeapi.AccountsController",
                        "tenancy.adapters.out.persistence.AccountRowRepository", "proxy.adapters.in.pgwire.relay.Relay"));
    }

    @Test
    void rule7_publicAdapterClassesStayInTheirAdapter() {
        assertFails(TollgateRules.publicAdapterClassesStayInTheirAdapter(FIXTURES),
                List.of("tenancy.adapters.out.jwt.PublicJwtAdapter", "tenancy.adapters.in.http.nativeapi.PublicHttpView",
                        "proxy.adapters.in.pgwire.frontend.ProxyListener"),
                List.of("tenancy.adapters.in.http.nativeapi.AccountsController",
                        "tenancy.adapters.out.persistence.AccountRow", "proxy.adapters.in.pgwire.backend.ServerPool"));
    }

    @Test
    void rule8_eventsAreRecords() {
        assertFails(TollgateRules.eventsAreRecords(FIXTURES),
                List.of("catalog.api.events.PlanRetired"),
                List.of("catalog.api.events.PlanPublished"));
    }

    @Test
    void rule9a_controllers() {
        assertFails(TollgateRules.controllersAreHttpAdapters(FIXTURES),
                List.of("tenancy.application.service.SneakyController", "tenancy.adapters.in.http.nativeapi.AccountEndpoint"),
                List.of("tenancy.adapters.in.http.nativeapi.AccountsController"));
    }

    @Test
    void rule9b_mappedEntities() {
        assertFails(TollgateRules.mappedEntitiesArePersistenceRows(FIXTURES),
                List.of("tenancy.adapters.out.persistence.AccountEntity", "tenancy.adapters.out.crypto.KeyRow"),
                List.of("tenancy.adapters.out.persistence.AccountRow"));
    }

    @Test
    void rule9c_jdbcRepositories() {
        assertFails(TollgateRules.jdbcRepositoriesArePersistenceRowRepositories(FIXTURES),
                List.of("tenancy.adapters.out.persistence.AccountRepository", "tenancy.adapters.out.crypto.KeyRowRepository"),
                List.of("tenancy.adapters.out.persistence.AccountRowRepository"));
    }

    @Test
    void rule9d_stripe() {
        assertFails(TollgateRules.stripeOnlyInBillingAdapters(FIXTURES),
                List.of("billing.domain.StripeInvoice", "billing.adapters.in.http.openmeter.StripeWebhookParsing"),
                List.of("billing.adapters.out.stripe.StripeGateway"));
    }

    @Test
    void rule9e_netty() {
        assertFails(TollgateRules.nettyOnlyInProxyAdapters(FIXTURES),
                List.of("metering.adapters.in.http.openmeter.NettyIngest"),
                List.of("proxy.adapters.out.dataplane.NettyDataPlane"));
    }

    @Test
    void rule10a_inboundPorts() {
        assertFails(TollgateRules.inboundPortsAreUseCases(FIXTURES),
                List.of("tenancy.application.port.in.AccountQueries"),
                List.of("tenancy.application.port.in.OpenAccountUseCase"));
    }

    @Test
    void rule10b_outboundPorts() {
        assertFails(TollgateRules.outboundPortsAreInterfaces(FIXTURES),
                List.of("tenancy.application.port.out.AbstractAccountStore"),
                List.of("tenancy.application.port.out.AccountStore"));
    }

    @Test
    void rule10c_services() {
        assertFails(TollgateRules.servicesAreNotPublic(FIXTURES),
                List.of("tenancy.application.service.PublicService"),
                List.of("tenancy.application.service.TransactionalService"));
    }

    /** The rule must fail, naming every planted class and none of the respecting ones (names relative to FIXTURES). */
    private static void assertFails(ArchRule rule, List<String> planted, List<String> respecting) {
        AssertionError error = assertThrows(AssertionError.class, () -> rule.check(fixtures),
                () -> "rule passed despite planted violations: " + rule.getDescription());
        String report = error.getMessage();
        for (String name : planted) {
            assertTrue(mentions(report, name), () -> "planted " + name + " not reported by:\n" + report);
        }
        for (String name : respecting) {
            assertFalse(mentions(report, name), () -> name + " respects the rule but was reported:\n" + report);
        }
    }

    /** True if a violation line starts at the class: ArchUnit writes {@code Field <a.b.C.f> ...}, {@code Class <a.b.C> ...}. */
    private static boolean mentions(String report, String relativeName) {
        String name = FIXTURES + "." + relativeName;
        return report.lines().map(line -> line.substring(line.indexOf('<') + 1))
                .anyMatch(origin -> origin.startsWith(name + ">") || origin.startsWith(name + ".")
                        || origin.startsWith(name + "$"));
    }
}
