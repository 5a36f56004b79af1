package dev.tollgate.entitlements.application.service;

import dev.tollgate.entitlements.api.events.PackageChanged;
import dev.tollgate.entitlements.domain.PartnerCodes;
import dev.tollgate.platform.outbox.Outbox;

import dev.tollgate.catalog.api.CatalogApi;
import dev.tollgate.entitlements.application.port.in.ProvisionPackagesUseCase;
import dev.tollgate.entitlements.application.port.out.PackageStore;
import dev.tollgate.entitlements.domain.PackageKind;
import dev.tollgate.entitlements.domain.PackageStatus;
import dev.tollgate.entitlements.domain.WorkspacePackage;
import dev.tollgate.platform.domain.ConflictException;
import dev.tollgate.platform.domain.DocumentReader;
import dev.tollgate.platform.domain.NotFoundException;
import dev.tollgate.tenancy.api.AccountsApi;
import dev.tollgate.tenancy.api.AccountsApi.Workspace;
import dev.tollgate.tenancy.api.AuditTrail;
import dev.tollgate.tenancy.api.Caller;
import dev.tollgate.tenancy.api.TenancyApi;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiFunction;

/**
 * Provisioning by billing partners (ADR 0014): a package is a tier plan or an add-on of the system namespace, put into
 * a workspace the person owns. A workspace holds one tier, so a new tier package there replaces (cancels) the one
 * before; add-ons stack.
 */
@Singleton
class PackageProvisioning implements ProvisionPackagesUseCase {
    private final PartnerAccess partners;
    private final PackageStore packages;
    private final PackageEntitlements applied;
    private final AccountsApi accounts;
    private final CatalogApi catalog;
    private final Outbox outbox;
    private final Clock clock;
    private final AuditTrail audit;

    PackageProvisioning(PartnerAccess partners, PackageStore packages, PackageEntitlements applied, AccountsApi accounts, CatalogApi catalog,
                        Outbox outbox, Clock clock, AuditTrail audit) {
        this.audit = audit;
        this.outbox = outbox;
        this.partners = partners;
        this.packages = packages;
        this.applied = applied;
        this.accounts = accounts;
        this.catalog = catalog;
        this.clock = clock;
    }

    @Override
    @Transactional
    public Provisioned create(Caller caller, Map<String, Object> body) {
        UUID partner = partners.requireProvisioner(caller);
        Instant now = clock.instant();
        CreateRequest request = CreateRequest.read(body, now);
        if (request.blestaServiceId() != null) {
            packages.lock("service:" + partner + ":" + request.blestaServiceId());
            var existing = packages.findByService(partner, request.blestaServiceId());
            if (existing.isPresent()) {
                return repeated(existing.get(), request, now);
            }
        }
        Product product = product(request.productCode());
        packages.lock("person:" + request.email().toLowerCase(java.util.Locale.ROOT));
        Workspace workspace = accounts.provisionAccount(request.email(), request.name());
        packages.lock("workspace:" + workspace.id());
        List<WorkspacePackage> tiersInForce = packages.ofOrganization(workspace.id()).stream()
                .filter(p -> p.kind() == PackageKind.PLAN && p.status() != PackageStatus.CANCELLED).toList();
        // Another partner's customer is not this partner's to change, by a tier or by an add-on.
        for (WorkspacePackage other : tiersInForce) {
            if (!other.partnerId().equals(partner)) {
                throw new ConflictException("workspace_has_package", "Workspace " + workspace.number()
                        + " already holds a package provisioned by another partner (entitlement " + other.id() + ")");
            }
        }
        WorkspacePackage created = packages.insert(WorkspacePackage.provision(workspace.id(), partner, product.kind(), product.key(),
                request.productCode(), product.name(), request.expiresAt(), request.billingCycleAnchor(), request.blestaServiceId(), now));
        if (product.kind() == PackageKind.PLAN) {
            // A workspace holds one tier: the partner's earlier tier package there is replaced. Add-ons stack and stay.
            for (WorkspacePackage previous : tiersInForce) {
                packages.update(previous.cancel("Replaced by entitlement " + created.id(), now));
            }
        }
        applied.apply(created, workspace.publicId(), now);
        announce(created, workspace, "provisioned", now);
        audit.record(caller, workspace.id(), AuditTrail.Change.created("package", String.valueOf(created.id()), "Package '"
                + created.productName() + "' (" + created.productCode() + ") provisioned", AuditSnapshots.of(created)));
        return new Provisioned(created, workspace, created.statusAt(now));
    }

    /** What a product code names: a tier plan, else an add-on, of the system namespace (by the key the code names). */
    private record Product(PackageKind kind, String key, String name) {
    }

    private Product product(String code) {
        String key = PartnerCodes.keyOf(code); // starter-plan names the plan starter_plan (ADR 0016)
        var plan = catalog.activePlan(TenancyApi.SYSTEM_NAMESPACE, key);
        if (plan.isPresent()) {
            return new Product(PackageKind.PLAN, plan.get().key(), plan.get().name());
        }
        return catalog.activeAddon(TenancyApi.SYSTEM_NAMESPACE, key).map(a -> new Product(PackageKind.ADDON, a.key(), a.name()))
                .orElseThrow(() -> new NotFoundException("Package not found."));
    }

    /** A partner's retry: the same service names the same package for the same person, or the request conflicts. */
    private Provisioned repeated(WorkspacePackage existing, CreateRequest request, Instant now) {
        boolean samePerson = accounts.workspaceOfMember(existing.organizationId(), request.email()).isPresent();
        if (!existing.productKey().equals(PartnerCodes.keyOf(request.productCode())) || !samePerson) {
            throw new ConflictException("blesta_service_conflict", "blesta_service_id '" + request.blestaServiceId() + "' already provisions package '"
                    + existing.productKey() + "' (entitlement " + existing.id() + ") for someone else or another package");
        }
        return view(existing, now);
    }

    @Override
    @Transactional(readOnly = true)
    public Provisioned get(Caller caller, long id) {
        UUID partner = partners.requireProvisioner(caller);
        WorkspacePackage p = packages.find(id).filter(visibleTo(caller, partner)).orElseThrow(PackageProvisioning::notFound);
        return view(p, clock.instant());
    }

    @Override
    @Transactional
    public Provisioned suspend(Caller caller, long id, String reason) {
        return transition(caller, id, "suspended", (p, now) -> p.suspend(reason, now));
    }

    @Override
    @Transactional
    public Provisioned unsuspend(Caller caller, long id) {
        return transition(caller, id, "unsuspended", (p, now) -> p.unsuspend(now));
    }

    @Override
    @Transactional
    public Provisioned cancel(Caller caller, long id, String reason) {
        return transition(caller, id, "cancelled", (p, now) -> p.cancel(reason, now));
    }

    @Override
    @Transactional
    public Provisioned renew(Caller caller, long id, Map<String, Object> body) {
        DocumentReader r = new DocumentReader();
        Instant expiresAt = r.time(body, "", "expires_at", false);
        Instant anchor = r.time(body, "", "billing_cycle_anchor", false);
        r.throwIfFailed();
        return transition(caller, id, "renewed", (p, now) -> p.renew(expiresAt, anchor, now));
    }

    private Provisioned transition(Caller caller, long id, String what, BiFunction<WorkspacePackage, Instant, WorkspacePackage> change) {
        UUID partner = partners.requireProvisioner(caller);
        WorkspacePackage found = packages.find(id).filter(visibleTo(caller, partner)).orElseThrow(PackageProvisioning::notFound);
        // The workspace's lock first, as create takes it, so the two never wait for each other crosswise.
        packages.lock("workspace:" + found.organizationId());
        WorkspacePackage current = packages.findForUpdate(id).orElseThrow(PackageProvisioning::notFound);
        Instant now = clock.instant();
        WorkspacePackage next = change.apply(current, now);
        Workspace workspace = workspaceOf(next);
        if (next != current) {
            packages.update(next);
            applied.apply(next, workspace.publicId(), now);
            boolean renewed = !java.util.Objects.equals(next.expiresAt(), current.expiresAt())
                    || !java.util.Objects.equals(next.billingCycleAnchor(), current.billingCycleAnchor());
            if (renewed && next.kind() == PackageKind.PLAN) {
                applied.expireCycleBoundBoosts(workspace.publicId(), now); // a renewal: a new cycle starts without them
            }
            announce(next, workspace, what, now);
            String verb = "cancelled".equals(what) ? "canceled" : what;
            audit.record(caller, workspace.id(), new AuditTrail.Change("package", String.valueOf(next.id()), "package." + verb, "Package '"
                    + next.productName() + "' (" + next.productCode() + ") " + verb, AuditSnapshots.of(current), AuditSnapshots.of(next)));
        }
        return new Provisioned(next, workspace, next.statusAt(now));
    }

    /** php-tenant's package_changed (ADR 0048), in the transaction of the change. */
    private void announce(WorkspacePackage p, Workspace workspace, String change, Instant now) {
        outbox.publish(workspace.publicId(), new PackageChanged(workspace.publicId(), p.id(), p.productCode(), p.productName(),
                p.statusAt(now).name().toLowerCase(java.util.Locale.ROOT), change, p.expiresAt(), now));
    }

    private Provisioned view(WorkspacePackage p, Instant now) {
        return new Provisioned(p, workspaceOf(p), p.statusAt(now));
    }

    private Workspace workspaceOf(WorkspacePackage p) {
        return accounts.workspace(p.organizationId()).orElseThrow(PackageProvisioning::notFound);
    }

    /** The operator sees every package; a partner only its own, so package ids cannot be probed across partners. */
    private static java.util.function.Predicate<WorkspacePackage> visibleTo(Caller caller, UUID partner) {
        return p -> caller.kind() == Caller.Kind.OPERATOR || p.partnerId().equals(partner);
    }

    private static NotFoundException notFound() {
        return new NotFoundException("Entitlement not found.");
    }
}
