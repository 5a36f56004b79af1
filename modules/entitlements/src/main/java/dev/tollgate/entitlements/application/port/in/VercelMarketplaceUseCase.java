package dev.tollgate.entitlements.application.port.in;

import dev.tollgate.catalog.api.CatalogApi.TierOffer;
import java.util.List;
import java.util.Map;

/**
 * Vercel Marketplace's partner API (ADR 0044): Vercel installs the integration (an installation becomes an
 * organization, billed by Vercel), chooses billing plans (Tollgate's self-serve tiers) and provisions resources.
 * Every call carries Vercel's OIDC token ({@code bearerToken}), verified here; a token is good for the installation it
 * names only, and a user token with the read-only USER role may read but not change.
 */
public interface VercelMarketplaceUseCase {
    /**
     * What Vercel sends when installing (or re-sending an installation): the account and the access token for Vercel's
     * API. Checked by {@link #problems} only once the token is (an anonymous caller learns nothing about bodies).
     */
    record UpsertInstallation(boolean scopesGiven, boolean acceptedPoliciesGiven, String accessToken, String accountName, String accountUrl,
                              String contactEmail, String contactName) {
        /** The required parts Vercel's document names that are missing: the contact is who will own the organization. */
        public java.util.List<dev.tollgate.platform.domain.FieldError> problems() {
            java.util.List<dev.tollgate.platform.domain.FieldError> errors = new java.util.ArrayList<>();
            if (!scopesGiven) {
                errors.add(new dev.tollgate.platform.domain.FieldError("scopes", "is required"));
            }
            if (!acceptedPoliciesGiven) {
                errors.add(new dev.tollgate.platform.domain.FieldError("acceptedPolicies", "is required"));
            }
            if (accessToken == null || accessToken.isBlank()) {
                errors.add(new dev.tollgate.platform.domain.FieldError("credentials.access_token", "is required"));
            }
            if (contactEmail == null || contactEmail.isBlank()) {
                errors.add(new dev.tollgate.platform.domain.FieldError("account.contact.email", "is required"));
            }
            return errors;
        }
    }

    /** An installation as Vercel sees it: the plan its organization is on. */
    record Installation(String organizationId, TierOffer plan, boolean ended) {
    }

    /** {@code idempotencyKey}: Vercel's Idempotency-Key header; a retry with the same key gets the first call's resource. */
    record ProvisionResource(String productId, String name, Map<String, Object> metadata, String billingPlanId, String idempotencyKey) {
    }

    /** Null fields are left as they are. */
    record UpdateResource(String name, Map<String, Object> metadata, String billingPlanId) {
    }

    record Resource(String id, String productId, String name, Map<String, Object> metadata, TierOffer plan, String status) {
    }

    Installation upsertInstallation(String bearerToken, String installationId, UpsertInstallation request);

    Installation installation(String bearerToken, String installationId);

    /** Vercel's installation-level plan change ({@code billingPlanId}: a self-serve tier's key). */
    Installation changeInstallationPlan(String bearerToken, String installationId, String billingPlanId);

    /**
     * The customer uninstalled: the organization falls back to the initial tier and its billing state says canceled.
     * Answers whether the installation is finalized (false: Tollgate still sends the final usage; ADR 0044).
     */
    boolean uninstall(String bearerToken, String installationId, boolean cascadeResourceDeletion);

    /** The plans a new resource of the product can be bought on; any valid Vercel token of this integration may ask. */
    List<TierOffer> productPlans(String bearerToken, String productSlug);

    List<TierOffer> installationPlans(String bearerToken, String installationId);

    List<TierOffer> resourcePlans(String bearerToken, String installationId, String resourceId);

    Resource provision(String bearerToken, String installationId, ProvisionResource request);

    Resource resource(String bearerToken, String installationId, String resourceId);

    Resource updateResource(String bearerToken, String installationId, String resourceId, UpdateResource request);

    void deleteResource(String bearerToken, String installationId, String resourceId);
}
