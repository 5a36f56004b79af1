package dev.tollgate.entitlements.application.service;

import dev.tollgate.catalog.api.CatalogApi.TierOffer;
import dev.tollgate.entitlements.application.port.in.VercelMarketplaceUseCase;
import dev.tollgate.entitlements.application.port.out.MarketplaceAccountStore;
import dev.tollgate.entitlements.application.port.out.MarketplaceSettings;
import dev.tollgate.entitlements.application.port.out.VercelResourceStore;
import dev.tollgate.entitlements.application.port.out.VercelTokens;
import dev.tollgate.entitlements.domain.MarketplaceAccount;
import dev.tollgate.entitlements.domain.MarketplaceAccount.Provider;
import dev.tollgate.entitlements.domain.VercelCaller;
import dev.tollgate.entitlements.domain.VercelResource;
import dev.tollgate.platform.crypto.SecretBox;
import dev.tollgate.platform.domain.ForbiddenException;
import dev.tollgate.platform.domain.NotFoundException;
import dev.tollgate.platform.domain.TypeId;
import dev.tollgate.platform.domain.ValidationException;
import dev.tollgate.tenancy.api.AccountsApi;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

@Singleton
class VercelMarketplace implements VercelMarketplaceUseCase {
    private final VercelTokens tokens;
    private final MarketplaceAccountStore accounts;
    private final VercelResourceStore resources;
    private final MarketplaceTiers tiers;
    private final MarketplaceSettings settings;
    private final AccountsApi people;
    private final SecretBox box;
    private final Clock clock;

    VercelMarketplace(VercelTokens tokens, MarketplaceAccountStore accounts, VercelResourceStore resources, MarketplaceTiers tiers,
                      MarketplaceSettings settings, AccountsApi people, SecretBox box, Clock clock) {
        this.tokens = tokens;
        this.accounts = accounts;
        this.resources = resources;
        this.tiers = tiers;
        this.settings = settings;
        this.people = people;
        this.box = box;
        this.clock = clock;
    }

    /** The sealed access token is bound to its account and purpose: copied onto another row it does not open. */
    static String tokenContext(MarketplaceAccount account) {
        return "vercel-access-token:" + account.id();
    }

    @Override
    @Transactional
    public Installation upsertInstallation(String bearerToken, String installationId, UpsertInstallation request) {
        requireChange(tokens.verify(bearerToken), installationId);
        if (!request.problems().isEmpty()) {
            throw new ValidationException(request.problems());
        }
        Instant now = clock.instant();
        accounts.lock(Provider.VERCEL, installationId);
        var existing = accounts.find(Provider.VERCEL, installationId);
        MarketplaceAccount account;
        if (existing.isEmpty()) {
            // Each installation is an account of its own: a new organization, owned by the installing account's contact.
            String name = request.accountName() == null || request.accountName().isBlank() ? "Vercel " + installationId : request.accountName();
            var organization = people.openOrganization(request.contactEmail(), contactName(request), name);
            account = MarketplaceAccount.open(TypeId.newUuid(), Provider.VERCEL, installationId, organization.id(), null, null,
                    tiers.initialTier(), "active", now);
            account = account.withAccessToken(box.seal(request.accessToken(), tokenContext(account)), now);
            accounts.save(account);
            tiers.apply(account);
        } else {
            // Vercel re-sends an installation to refresh its credentials; an uninstalled one installed again stands anew.
            boolean reinstalled = existing.get().endedAt() != null;
            account = reinstalled ? existing.get().reopened(tiers.initialTier(), "active", now) : existing.get();
            account = account.withAccessToken(box.seal(request.accessToken(), tokenContext(account)), now);
            accounts.save(account);
            if (reinstalled) {
                tiers.apply(account);
            }
        }
        return view(account);
    }

    private static String contactName(UpsertInstallation request) {
        if (request.contactName() != null && !request.contactName().isBlank()) {
            return request.contactName();
        }
        return request.accountName() == null || request.accountName().isBlank() ? request.contactEmail() : request.accountName();
    }

    @Override
    @Transactional(readOnly = true)
    public Installation installation(String bearerToken, String installationId) {
        requireRead(tokens.verify(bearerToken), installationId);
        return view(require(installationId));
    }

    @Override
    @Transactional
    public Installation changeInstallationPlan(String bearerToken, String installationId, String billingPlanId) {
        requireChange(tokens.verify(bearerToken), installationId);
        accounts.lock(Provider.VERCEL, installationId);
        MarketplaceAccount account = requireLive(installationId);
        if (billingPlanId == null) {
            return view(account); // nothing asked: the plan stays
        }
        return view(changePlan(account, tiers.offer("billingPlanId", billingPlanId)));
    }

    private MarketplaceAccount changePlan(MarketplaceAccount account, TierOffer offer) {
        if (offer.key().equals(account.plan())) {
            return account;
        }
        MarketplaceAccount changed = account.withPlan(offer.key(), account.status(), clock.instant());
        accounts.save(changed);
        tiers.apply(changed);
        return changed;
    }

    @Override
    @Transactional
    public boolean uninstall(String bearerToken, String installationId, boolean cascadeResourceDeletion) {
        requireChange(tokens.verify(bearerToken), installationId);
        accounts.lock(Provider.VERCEL, installationId);
        MarketplaceAccount account = require(installationId);
        Instant now = clock.instant();
        if (account.endedAt() == null) {
            MarketplaceAccount ended = account.ended(now);
            accounts.save(ended);
            tiers.apply(ended);
        }
        // Vercel removes an installation's resources with it (it does not call Delete Resource for them).
        for (VercelResource r : resources.liveOf(installationId)) {
            resources.save(r.deleted(now));
        }
        // Not finalized: the last hours' usage is still to be reported; Vercel completes the removal after its delay.
        return false;
    }

    @Override
    @Transactional(readOnly = true)
    public List<TierOffer> productPlans(String bearerToken, String productSlug) {
        tokens.verify(bearerToken); // any installation of this integration may look at the price list
        requireProduct(productSlug);
        return tiers.offers();
    }

    @Override
    @Transactional(readOnly = true)
    public List<TierOffer> installationPlans(String bearerToken, String installationId) {
        requireRead(tokens.verify(bearerToken), installationId);
        require(installationId);
        return tiers.offers();
    }

    @Override
    @Transactional(readOnly = true)
    public List<TierOffer> resourcePlans(String bearerToken, String installationId, String resourceId) {
        requireRead(tokens.verify(bearerToken), installationId);
        requireResource(installationId, resourceId);
        return tiers.offers();
    }

    @Override
    @Transactional
    public Resource provision(String bearerToken, String installationId, ProvisionResource request) {
        requireChange(tokens.verify(bearerToken), installationId);
        requireProduct(request.productId());
        if (request.name() == null || request.name().isBlank()) {
            throw new ValidationException("name", "must not be blank");
        }
        TierOffer offer = request.billingPlanId() == null ? null : tiers.offer("billingPlanId", request.billingPlanId());
        accounts.lock(Provider.VERCEL, installationId);
        MarketplaceAccount account = requireLive(installationId);
        if (request.idempotencyKey() != null) {
            var earlier = resources.findByIdempotencyKey(installationId, request.idempotencyKey());
            if (earlier.isPresent()) {
                return view(earlier.get(), account); // Vercel's retry of a call that was answered: the same resource
            }
        }
        // An organization holds one tier: a resource bought on a plan moves its organization (and its other resources) there.
        MarketplaceAccount current = offer == null ? account : changePlan(account, offer);
        VercelResource created = new VercelResource(TypeId.format("res", TypeId.newUuid()), installationId, request.productId(),
                request.name(), request.metadata(), request.idempotencyKey(), clock.instant(), null);
        resources.save(created);
        return view(created, current);
    }

    @Override
    @Transactional(readOnly = true)
    public Resource resource(String bearerToken, String installationId, String resourceId) {
        requireRead(tokens.verify(bearerToken), installationId);
        return view(requireResource(installationId, resourceId), require(installationId));
    }

    @Override
    @Transactional
    public Resource updateResource(String bearerToken, String installationId, String resourceId, UpdateResource request) {
        requireChange(tokens.verify(bearerToken), installationId);
        if (request.name() != null && request.name().isBlank()) {
            throw new ValidationException("name", "must not be blank");
        }
        TierOffer offer = request.billingPlanId() == null ? null : tiers.offer("billingPlanId", request.billingPlanId());
        accounts.lock(Provider.VERCEL, installationId);
        MarketplaceAccount account = requireLive(installationId);
        VercelResource resource = requireResource(installationId, resourceId).renamed(request.name(), request.metadata());
        resources.save(resource);
        return view(resource, offer == null ? account : changePlan(account, offer));
    }

    @Override
    @Transactional
    public void deleteResource(String bearerToken, String installationId, String resourceId) {
        requireChange(tokens.verify(bearerToken), installationId);
        resources.save(requireResource(installationId, resourceId).deleted(clock.instant()));
    }

    private void requireRead(VercelCaller caller, String installationId) {
        if (!caller.actsFor(installationId)) {
            throw new ForbiddenException("The token was issued for another installation");
        }
    }

    private void requireChange(VercelCaller caller, String installationId) {
        requireRead(caller, installationId);
        if (!caller.mayChange()) {
            throw new ForbiddenException("The USER role may read this installation, not change it");
        }
    }

    private void requireProduct(String productSlug) {
        if (!settings.vercelProduct().equals(productSlug)) {
            throw new NotFoundException("Product '" + productSlug + "' not found");
        }
    }

    private MarketplaceAccount require(String installationId) {
        return accounts.find(Provider.VERCEL, installationId)
                .orElseThrow(() -> new NotFoundException("Installation '" + installationId + "' not found"));
    }

    /** An uninstalled installation takes no new resources or plans; it is a conflict with its state, not missing. */
    private MarketplaceAccount requireLive(String installationId) {
        MarketplaceAccount account = require(installationId);
        if (account.endedAt() != null) {
            throw new dev.tollgate.platform.domain.ConflictException("installation_uninstalled",
                    "Installation '" + installationId + "' was uninstalled");
        }
        return account;
    }

    private VercelResource requireResource(String installationId, String resourceId) {
        return resources.find(installationId, resourceId)
                .orElseThrow(() -> new NotFoundException("Resource '" + resourceId + "' not found"));
    }

    private Installation view(MarketplaceAccount account) {
        return new Installation(account.organizationId() == null ? null : TypeId.format("org", account.organizationId()),
                tiers.offerOf(account.standing() ? account.plan() : tiers.initialTier()), account.endedAt() != null);
    }

    private Resource view(VercelResource resource, MarketplaceAccount account) {
        return new Resource(resource.id(), resource.productId(), resource.name(), resource.metadata(),
                tiers.offerOf(account.standing() ? account.plan() : tiers.initialTier()), account.endedAt() != null ? "uninstalled" : "ready");
    }
}
