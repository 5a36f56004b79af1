package dev.tollgate.entitlements.adapters.in.http.vercel;

import dev.tollgate.catalog.api.CatalogApi.TierOffer;
import dev.tollgate.entitlements.application.port.in.VercelMarketplaceUseCase.Resource;
import dev.tollgate.platform.domain.UnauthenticatedException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;
import java.util.Map;

/** Request and response bodies of Vercel's Marketplace partner API, in its own (camelCase) field names. */
final class VercelViews {
    private VercelViews() {
    }

    /** The token from {@code Authorization: Bearer <jwt>}; null when the header is absent or another scheme. */
    static String bearer(@Nullable String authorization) {
        if (authorization == null) {
            return null;
        }
        String value = authorization.strip();
        if (value.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return value.substring(7).strip();
        }
        throw new UnauthenticatedException("Vercel calls carry their OIDC token as Authorization: Bearer <token>");
    }

    @Serdeable
    record Contact(@Nullable String email, @Nullable String name) {
    }

    @Serdeable
    record Account(@Nullable String name, @Nullable String url, @Nullable Contact contact) {
    }

    @Serdeable
    record Credentials(@Nullable String access_token, @Nullable String token_type) {
    }

    @Serdeable
    record UpsertInstallationRequest(@Nullable List<String> scopes, @Nullable Map<String, Object> acceptedPolicies,
                                     @Nullable Credentials credentials, @Nullable Account account) {
    }

    @Serdeable
    record UpdateInstallationRequest(@Nullable String billingPlanId) {
    }

    @Serdeable
    record DeleteInstallationRequest(@Nullable Boolean cascadeResourceDeletion, @Nullable String reason) {
    }

    @Serdeable
    record ProvisionResourceRequest(@Nullable String productId, @Nullable String name, @Nullable Map<String, Object> metadata,
                                    @Nullable String billingPlanId, @Nullable String externalId) {
    }

    @Serdeable
    record UpdateResourceRequest(@Nullable String name, @Nullable Map<String, Object> metadata, @Nullable String billingPlanId) {
    }

    /** A line of a plan's details as Vercel shows it on the plan card. */
    @Serdeable
    record Detail(String label, @Nullable String value) {
    }

    /**
     * A billing plan: one of Tollgate's self-serve tiers, a monthly subscription at installation scope (an organization
     * holds one tier, so its resources share it). A free tier needs no payment method.
     */
    @Serdeable
    record BillingPlan(String id, String type, String name, String scope, @Nullable String description, boolean paymentMethodRequired,
                       String cost, List<Detail> details) {
        static BillingPlan of(TierOffer tier) {
            String cost = tier.monthlyPrice() == 0 ? "Free" : "$" + tier.monthlyPrice() + "/month";
            return new BillingPlan(tier.key(), "subscription", tier.label(), "installation", tier.description(), tier.monthlyPrice() > 0,
                    cost, List.of(new Detail("Monthly price", cost)));
        }
    }

    @Serdeable
    record PlansResponse(List<BillingPlan> plans) {
        static PlansResponse of(List<TierOffer> tiers) {
            return new PlansResponse(tiers.stream().map(BillingPlan::of).toList());
        }
    }

    @Serdeable
    record InstallationResponse(BillingPlan billingPlan) {
    }

    @Serdeable
    record DeleteInstallationResponse(boolean finalized) {
    }

    /** A resource's secrets, as Vercel sets them as environment variables of the connected projects. */
    @Serdeable
    record Secret(String name, String value) {
    }

    @Serdeable
    record ResourceResponse(String id, String productId, String name, Map<String, Object> metadata, String status, BillingPlan billingPlan,
                            List<Secret> secrets) {
        static ResourceResponse of(Resource r) {
            return new ResourceResponse(r.id(), r.productId(), r.name(), r.metadata(), r.status(), BillingPlan.of(r.plan()), List.of());
        }
    }
}
