package dev.tollgate.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.modules.syntax.AllowedModuleDependencies.allow;
import static com.tngtech.archunit.library.modules.syntax.ModuleDependencyScope.consideringOnlyDependenciesInAnyPackage;
import static com.tngtech.archunit.library.modules.syntax.ModuleRuleDefinition.modules;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.http.annotation.Controller;
import java.util.List;

/**
 * Tollgate's architecture rules (docs/architecture.md), parameterised by the root package so that the same rules run
 * over the production code ({@code dev.tollgate}) and over planted violations ({@code dev.tollgate.archfixtures}).
 */
public final class TollgateRules {
    static final List<String> BUSINESS_MODULES =
            List.of("tenancy", "catalog", "metering", "entitlements", "billing", "proxy", "webhooks");

    private TollgateRules() {
    }

    // ---- module boundaries ----

    /** 1. The module graph of docs/architecture.md: no module reaches one it was not granted (platform is for all). */
    public static ArchRule modulesRespectAllowedDependencies(String root) {
        return modules().definedByPackages(root + ".(*)..").derivingNameFromPattern("$1")
                .should().respectTheirAllowedDependencies(
                        allow()
                                .fromModule("platform").toModules()
                                .fromModule("tenancy").toModules("platform")
                                .fromModule("catalog").toModules("platform", "tenancy")
                                .fromModule("metering").toModules("platform", "tenancy")
                                .fromModule("entitlements").toModules("platform", "tenancy", "catalog", "metering")
                                .fromModule("billing").toModules("platform", "tenancy", "catalog", "metering", "entitlements")
                                .fromModule("proxy").toModules("platform", "tenancy", "catalog", "metering", "entitlements")
                                // webhooks may see every module, but rule 2 narrows that to their api.events
                                .fromModule("webhooks").toModules("platform", "tenancy", "catalog", "metering",
                                        "entitlements", "billing", "proxy")
                                .fromModule("bootstrap").toModules("platform", "tenancy", "catalog", "metering",
                                        "entitlements", "billing", "proxy", "webhooks"),
                        consideringOnlyDependenciesInAnyPackage(root + ".."))
                .allowEmptyShould(true);
    }

    /**
     * 2. A module's internals stay private: others reach it only through its api (webhooks: only api.events, tenancy.api).
     * Bootstrap too: it wires modules through their published api, including the ports they ask others to fulfil
     * ({@code api.spi}), never through a port, domain type or adapter inside a module.
     */
    public static ArchRule modulesUseEachOtherOnlyThroughApi(String root) {
        return classes().that().resideInAnyPackage(modulesAndBootstrap(root))
                .should(onlyDependOn("use other modules only through their api (webhooks: only api.events and tenancy.api)",
                        (origin, target) -> {
                            String from = moduleOf(root, origin);
                            String to = moduleOf(root, target);
                            if (to == null || to.equals(from)) {
                                return true;
                            }
                            boolean viaApi = in(target, root + "." + to + ".api");
                            boolean viaEvents = in(target, root + "." + to + ".api.events");
                            return "webhooks".equals(from) && !to.equals("tenancy") ? viaEvents : viaApi;
                        }))
                .allowEmptyShould(true);
    }

    // ---- inside a module (hexagon) ----

    /** 3. Domains are pure Java: no framework, JDBC, JSON, other modules or outer layers (platform.domain may use its UUID generator). */
    public static ArchRule domainIsPure(String root) {
        String platformDomain = root + ".platform.domain";
        return classes().that().resideInAPackage(root + "..domain..")
                .should(onlyDependOn("depend only on java.. (not java.sql), javax.crypto, platform.domain and their own module's domain",
                        (origin, target) -> {
                            // The JDK's cryptography is standard library, not a framework (SCRAM is domain logic).
                            boolean java = (in(target, "java") && !in(target, "java.sql")) || in(target, "javax.crypto");
                            String module = moduleOf(root, origin);
                            boolean ownDomain = module != null && in(target, root + "." + module + ".domain");
                            boolean uuidGenerator = in(origin, platformDomain) && in(target, "com.fasterxml.uuid");
                            // Address classification is plain java.net arithmetic shared by every destination policy
                            // (ADR 0048): the two classes of platform.net that are pure Java, not the package.
                            boolean addressArithmetic = target.getName().equals(root + ".platform.net.Cidr")
                                    || target.getName().equals(root + ".platform.net.NonPublicAddresses")
                                    || target.getName().startsWith(root + ".platform.net.NonPublicAddresses$");
                            return java || in(target, platformDomain) || ownDomain || uuidGenerator || addressArithmetic;
                        }));
    }

    /** 4. The published api is plain Java a caller can compile against without the module's internals or a framework. */
    public static ArchRule apiExposesNoFrameworkOrInternals(String root) {
        return noClasses().that().resideInAPackage(root + ".*.api..")
                .should().dependOnClassesThat(resideInAnyPackage("io.micronaut..", "jakarta..")
                        .or(resideInAnyPackage(root + ".*.domain..", root + ".*.application..", root + ".*.adapters..")
                                .and(not(resideInAPackage(root + ".platform..")))));
    }

    /** 5a. Dependencies point inwards: the application core never knows its adapters. */
    public static ArchRule applicationDoesNotDependOnAdapters(String root) {
        return noClasses().that().resideInAPackage(root + "..application..")
                .should().dependOnClassesThat().resideInAPackage(root + "..adapters..");
    }

    /** 5b. Use cases take from Micronaut only injection, transactions and events: HTTP and Data belong to adapters. */
    public static ArchRule applicationUsesOnlyInjectionTransactionsAndEvents(String root) {
        return noClasses().that().resideInAPackage(root + "..application..")
                .should().dependOnClassesThat(resideInAPackage("io.micronaut..")
                        .and(not(resideInAnyPackage("io.micronaut.transaction..", "io.micronaut.context.event..")))
                        .or(resideInAPackage("jakarta..").and(not(resideInAPackage("jakarta.inject..")))));
    }

    /** 6. Each adapter (an HTTP dialect, a job, a persistence or other outbound system) stands alone, joined only via ports. */
    public static ArchRule adaptersDoNotDependOnOtherAdapters(String root) {
        return classes().that().resideInAPackage(root + "..adapters..")
                .should(onlyDependOn("depend on no adapter of another kind (in.http.<dialect>, in.<kind>, out.<system>)",
                        (origin, target) -> {
                            String targetAdapter = adapterOf(root, target.getPackageName());
                            return targetAdapter == null || targetAdapter.equals(adapterOf(root, origin.getPackageName()));
                        }));
    }

    /**
     * 6b. The driving side talks to the core only through inbound ports: inbound adapters and use-case interfaces never
     * reach for outbound ports (stores, token signers) or the database directly.
     */
    public static ArchRule drivingSideUsesOnlyInboundPorts(String root) {
        return noClasses().that().resideInAnyPackage(root + "..adapters.in..", root + "..application.port.in..")
                .should().dependOnClassesThat().resideInAnyPackage(root + "..application.port.out..", "javax.sql..",
                        "java.sql..", "io.micronaut.data..");
    }

    /**
     * 7. Adapters are wired by Micronaut, never called directly: a class in an adapter may be public only so that
     * another package of the same adapter (in.pgwire.relay and in.pgwire.backend, say) can use it, and nothing outside
     * that adapter uses it.
     */
    public static ArchRule publicAdapterClassesStayInTheirAdapter(String root) {
        return classes().that().resideInAPackage(root + "..adapters..").and().arePublic()
                .should(new ArchCondition<>("be used by nothing outside their adapter") {
                    @Override
                    public void check(JavaClass publicClass, ConditionEvents events) {
                        String adapter = adapterOf(root, publicClass.getPackageName());
                        for (Dependency use : publicClass.getDirectDependenciesToSelf()) {
                            if (!adapter.equals(adapterOf(root, use.getOriginClass().getPackageName()))) {
                                events.add(SimpleConditionEvent.violated(use, "Class <" + publicClass.getName()
                                        + "> is public and used outside its adapter: " + use.getDescription()));
                            }
                        }
                    }
                });
    }

    /** 8. Events cross module boundaries and may be stored or replayed: immutable records only. */
    public static ArchRule eventsAreRecords(String root) {
        return classes().that().resideInAPackage(root + "..api.events..").and().areTopLevelClasses()
                .and().doNotHaveSimpleName("package-info")
                .should().beRecords()
                .allowEmptyShould(true);
    }

    // ---- framework confinement ----

    /** 9a. HTTP endpoints are inbound adapters of one dialect, recognisable by name. */
    public static ArchRule controllersAreHttpAdapters(String root) {
        return classes().that().areAnnotatedWith(Controller.class)
                .should().resideInAPackage(root + "..adapters.in.http..")
                .andShould().haveSimpleNameEndingWith("Controller")
                .allowEmptyShould(true);
    }

    /** 9b. Database rows are a persistence detail, never domain objects. */
    public static ArchRule mappedEntitiesArePersistenceRows(String root) {
        return classes().that().areAnnotatedWith(MappedEntity.class)
                .should().resideInAPackage(root + "..adapters.out.persistence..")
                .andShould().haveSimpleNameEndingWith("Row")
                .allowEmptyShould(true);
    }

    /** 9c. Micronaut Data repositories serve the persistence adapter only; stores (ports) wrap them. */
    public static ArchRule jdbcRepositoriesArePersistenceRowRepositories(String root) {
        return classes().that().areAnnotatedWith(JdbcRepository.class)
                .should().resideInAPackage(root + "..adapters.out.persistence..")
                .andShould().haveSimpleNameEndingWith("RowRepository")
                .allowEmptyShould(true);
    }

    /**
     * 9d. Stripe is billing's outbound system, reached through one adapter: only {@code billing.adapters.out.stripe}
     * knows stripe-java (the webhook's signature check included); everyone else sees the {@code StripeGateway} port or
     * billing's api.
     */
    public static ArchRule stripeOnlyInBillingAdapters(String root) {
        return noClasses().that().resideOutsideOfPackage(root + ".billing.adapters.out.stripe..")
                .should().dependOnClassesThat().resideInAPackage("com.stripe..");
    }

    /** 9e. Netty is the proxy's data plane; the HTTP API goes through Micronaut's abstractions. */
    public static ArchRule nettyOnlyInProxyAdapters(String root) {
        return noClasses().that().resideOutsideOfPackage(root + ".proxy.adapters..")
                .should().dependOnClassesThat().resideInAPackage("io.netty..");
    }

    // ---- naming ----

    /** 10a. Inbound ports read as use cases (<Verb><Noun>UseCase); their nested records are the commands. */
    public static ArchRule inboundPortsAreUseCases(String root) {
        return classes().that().resideInAPackage(root + "..application.port.in..").and().areTopLevelClasses()
                .and().areInterfaces().and().doNotHaveSimpleName("package-info")
                .should().haveSimpleNameEndingWith("UseCase");
    }

    /** 10b. Outbound ports are what the core needs, so adapters can implement them: interfaces only. */
    public static ArchRule outboundPortsAreInterfaces(String root) {
        return classes().that().resideInAPackage(root + "..application.port.out..").and().areTopLevelClasses()
                .should().beInterfaces();
    }

    /** 10c. Services are reached through their use-case interface, so they stay package-private. */
    public static ArchRule servicesAreNotPublic(String root) {
        return classes().that().resideInAPackage(root + "..application.service..").and().areTopLevelClasses()
                .should().notBePublic();
    }

    // ---- helpers ----

    private interface Allowed {
        boolean test(JavaClass origin, JavaClass target);
    }

    /** Fails each direct dependency of a class that {@code allowed} rejects (arrays count as their component type). */
    private static ArchCondition<JavaClass> onlyDependOn(String description, Allowed allowed) {
        return new ArchCondition<>(description) {
            @Override
            public void check(JavaClass origin, ConditionEvents events) {
                for (Dependency dependency : origin.getDirectDependenciesFromSelf()) {
                    JavaClass target = dependency.getTargetClass().getBaseComponentType();
                    if (!target.isPrimitive() && !allowed.test(origin, target)) {
                        events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()));
                    }
                }
            }
        };
    }

    /** The packages of every business module, and bootstrap's. */
    private static String[] modulesAndBootstrap(String root) {
        return java.util.stream.Stream.concat(BUSINESS_MODULES.stream(), java.util.stream.Stream.of("bootstrap"))
                .map(module -> root + "." + module + "..").toArray(String[]::new);
    }

    /** The business module a class belongs to, or null (platform, bootstrap, libraries). */
    private static String moduleOf(String root, JavaClass javaClass) {
        for (String module : BUSINESS_MODULES) {
            if (in(javaClass, root + "." + module)) {
                return module;
            }
        }
        return null;
    }

    /** The adapter a package belongs to: root.m.adapters.in.http.<dialect>, root.m.adapters.(in|out).<kind>, or null. */
    private static String adapterOf(String root, String packageName) {
        if (!packageName.startsWith(root + ".")) {
            return null;
        }
        String[] parts = packageName.substring(root.length() + 1).split("\\.");
        if (parts.length < 2 || !parts[1].equals("adapters")) {
            return null;
        }
        int depth = parts.length > 3 && parts[2].equals("in") && parts[3].equals("http") ? 5 : 4;
        return root + "." + String.join(".", List.of(parts).subList(0, Math.min(depth, parts.length)));
    }

    private static boolean in(JavaClass javaClass, String packageName) {
        String pkg = javaClass.getPackageName();
        return pkg.equals(packageName) || pkg.startsWith(packageName + ".");
    }
}
