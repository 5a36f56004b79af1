package dev.tollgate.entitlements.application.service;

import dev.tollgate.entitlements.application.port.in.AwsMarketplaceUseCase;
import dev.tollgate.entitlements.application.port.out.AwsMarketplaceCustomers;
import dev.tollgate.entitlements.application.port.out.AwsMarketplaceCustomers.ResolvedCustomer;
import dev.tollgate.entitlements.application.port.out.MarketplaceAccountStore;
import dev.tollgate.entitlements.application.port.out.MarketplaceSettings;
import dev.tollgate.entitlements.domain.MarketplaceAccount;
import dev.tollgate.entitlements.domain.MarketplaceAccount.Provider;
import dev.tollgate.platform.domain.ConflictException;
import dev.tollgate.platform.domain.ForbiddenException;
import dev.tollgate.platform.domain.NotFoundException;
import dev.tollgate.platform.domain.Sha256;
import dev.tollgate.platform.domain.TypeId;
import dev.tollgate.platform.domain.ValidationException;
import dev.tollgate.tenancy.api.AuditTrail;
import dev.tollgate.tenancy.api.Caller;
import dev.tollgate.tenancy.api.TenancyApi;
import dev.tollgate.tenancy.api.TenancyApi.Capability;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;

@Singleton
class AwsMarketplace implements AwsMarketplaceUseCase {
    private final SecureRandom random = new SecureRandom();
    private final AwsMarketplaceCustomers aws;
    private final AwsEntitledTier entitledTier;
    private final MarketplaceAccountStore accounts;
    private final MarketplaceTiers tiers;
    private final MarketplaceSettings settings;
    private final TenancyApi tenancy;
    private final Clock clock;
    private final AuditTrail audit;

    AwsMarketplace(AwsMarketplaceCustomers aws, AwsEntitledTier entitledTier, MarketplaceAccountStore accounts, MarketplaceTiers tiers,
                   MarketplaceSettings settings, TenancyApi tenancy, Clock clock, AuditTrail audit) {
        this.audit = audit;
        this.aws = aws;
        this.entitledTier = entitledTier;
        this.accounts = accounts;
        this.tiers = tiers;
        this.settings = settings;
        this.tenancy = tenancy;
        this.clock = clock;
    }

    @Override
    @Transactional
    public Subscription resolve(String registrationToken) {
        String productCode = entitledTier.requireListing();
        if (registrationToken == null || registrationToken.isBlank()) {
            throw new ValidationException("x-amzn-marketplace-token", "is required");
        }
        ResolvedCustomer customer = aws.resolveCustomer(registrationToken.strip());
        if (!productCode.equals(customer.productCode())) {
            throw new ForbiddenException("The registration token is for another product");
        }
        Instant now = clock.instant();
        accounts.lock(Provider.AWS, customer.customerIdentifier());
        String plan = entitledTier.of(customer.customerIdentifier());
        MarketplaceAccount account = accounts.find(Provider.AWS, customer.customerIdentifier())
                .map(a -> a.endedAt() == null ? a.withPlan(plan, a.status(), now) : a.reopened(plan, "active", now))
                .orElseGet(() -> MarketplaceAccount.open(TypeId.newUuid(), Provider.AWS, customer.customerIdentifier(), null,
                        customer.customerAwsAccountId(), customer.productCode(), plan, "active", now));
        String claimToken = null;
        if (account.organizationId() == null) {
            // A fresh token each time the buyer comes back through AWS; only its hash is kept.
            byte[] bytes = new byte[32];
            random.nextBytes(bytes);
            claimToken = "awsclaim_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            account = account.withClaimToken(Sha256.hex(claimToken), now);
        }
        accounts.save(account);
        tiers.apply(account);
        return view(account, claimToken);
    }

    @Override
    @Transactional
    public Subscription claim(Caller caller, String claimToken, String organizationIdOrSlug) {
        if (organizationIdOrSlug == null || organizationIdOrSlug.isBlank()) {
            throw new ValidationException("org_id", "is required");
        }
        var organization = tenancy.requireOrganization(caller, organizationIdOrSlug, Capability.MANAGE_BILLING);
        if (claimToken == null || claimToken.isBlank()) {
            throw new ValidationException("claim_token", "is required");
        }
        MarketplaceAccount unclaimed = accounts.findByClaimTokenHash(Sha256.hex(claimToken.strip()))
                .orElseThrow(() -> new NotFoundException("No AWS Marketplace subscription waits for this claim token"));
        accounts.lock(Provider.AWS, unclaimed.externalId());
        MarketplaceAccount account = accounts.find(Provider.AWS, unclaimed.externalId()).orElseThrow();
        if (account.organizationId() != null) {
            throw new ConflictException("already_claimed", "The subscription was claimed already");
        }
        MarketplaceAccount claimed = account.claimedBy(organization.id(), clock.instant());
        accounts.save(claimed);
        tiers.apply(claimed);
        audit.record(caller, organization.id(), new AuditTrail.Change("marketplace_subscription", claimed.externalId(),
                "marketplace_subscription.claimed", "AWS Marketplace subscription " + claimed.externalId() + " claimed", null,
                AuditTrail.fields("provider", "aws", "product_code", claimed.productCode(), "plan", claimed.plan(), "status", claimed.status())));
        return view(claimed, null);
    }

    @Override
    @Transactional(readOnly = true)
    public Subscription customer(Caller caller, String customerIdentifier) {
        MarketplaceAccount account = accounts.find(Provider.AWS, customerIdentifier).orElseThrow(() -> notFound(customerIdentifier));
        if (caller.kind() != Caller.Kind.OPERATOR) {
            if (account.organizationId() == null) {
                throw notFound(customerIdentifier); // nobody's yet: only the operator may look at it
            }
            // A stranger to the organization learns nothing, not even that the customer exists.
            try {
                tenancy.requireOrganizationAccess(caller, account.organizationId(), Capability.READ_ORGANIZATION);
            } catch (NotFoundException | ForbiddenException stranger) {
                throw notFound(customerIdentifier);
            }
        }
        return view(account, null);
    }

    private static NotFoundException notFound(String customerIdentifier) {
        return new NotFoundException("AWS Marketplace customer '" + customerIdentifier + "' not found");
    }

    private Subscription view(MarketplaceAccount a, String claimToken) {
        return new Subscription(a.externalId(), a.productCode(), a.vendorAccountId(),
                a.organizationId() == null ? null : TypeId.format("org", a.organizationId()), a.standing() ? a.plan() : tiers.initialTier(),
                a.status(), claimToken);
    }
}
