package dev.tollgate.catalog.adapters.in.http.openmeter;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.tollgate.catalog.domain.Addon;
import dev.tollgate.catalog.domain.EntitlementTemplate;
import dev.tollgate.catalog.domain.OfferedAddon;
import dev.tollgate.catalog.domain.Plan;
import dev.tollgate.catalog.domain.PlanAddon;
import dev.tollgate.catalog.domain.PlanPhase;
import dev.tollgate.catalog.domain.RateCard;
import dev.tollgate.catalog.domain.Reviewed;
import dev.tollgate.catalog.domain.Versioned;
import dev.tollgate.platform.domain.FieldError;
import dev.tollgate.platform.domain.IsoDuration;
import dev.tollgate.platform.domain.Ulid;
import dev.tollgate.platform.http.OpenMeterValidationErrors;
import dev.tollgate.platform.http.OpenMeterValidationErrors.ValidationErrorView;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Plans, add-ons and plan add-ons as OpenMeter shows them. Some fields are present even when null
 * ({@code validationErrors}, a rate card's {@code price} and {@code billingCadence}, the last phase's
 * {@code duration}); they say so with {@code @JsonInclude(ALWAYS)}. A rate card's price, discounts and tax settings
 * stay the JSON objects {@link dev.tollgate.catalog.domain.Prices} checked: each is one of several shapes.
 */
final class CatalogViews {
    private CatalogViews() {
    }

    /** What plans and add-ons share: one version of a family with the same key, and where it is in its lifecycle. */
    @Serdeable
    record VersionHeader(String id, String key, int version, String name, @Nullable String description,
                         @Nullable Map<String, String> metadata, String currency, String status, @Nullable Instant effectiveFrom,
                         @Nullable Instant effectiveTo, Instant createdAt, Instant updatedAt, @Nullable Instant deletedAt) {
        static VersionHeader of(Versioned h, Instant now) {
            return new VersionHeader(Ulid.of(h.id()), h.key(), h.version(), h.name(), h.description(), h.metadata(), h.currency(),
                    h.status(now).wire(), h.effectiveFrom(), h.effectiveTo(), h.createdAt(), h.updatedAt(), h.deletedAt());
        }
    }

    @Serdeable
    record PlanView(@JsonUnwrapped VersionHeader header, String billingCadence, ProRatingConfig proRatingConfig, List<PlanPhaseView> phases,
                    @JsonInclude(JsonInclude.Include.ALWAYS) @Nullable List<ValidationErrorView> validationErrors) {
        static PlanView of(Reviewed<Plan> reviewed, Instant now) {
            Plan plan = reviewed.item();
            return new PlanView(VersionHeader.of(plan.header(), now), plan.billingCadence().text(),
                    new ProRatingConfig(plan.proRating(), "prorate_prices"), plan.phases().stream().map(PlanPhaseView::of).toList(),
                    problems(reviewed.validationErrors()));
        }
    }

    @Serdeable
    record ProRatingConfig(boolean enabled, String mode) {
    }

    /** The last phase's {@code duration} is null: it never ends. */
    @Serdeable
    record PlanPhaseView(String key, String name, @Nullable String description, @Nullable Map<String, String> metadata,
                         @JsonInclude(JsonInclude.Include.ALWAYS) @Nullable String duration, List<RateCardView> rateCards) {
        static PlanPhaseView of(PlanPhase p) {
            return new PlanPhaseView(p.key(), p.name(), p.description(), p.metadata(), text(p.duration()), cardViews(p.rateCards()));
        }
    }

    @Serdeable
    record AddonView(@JsonUnwrapped VersionHeader header, String instanceType, List<RateCardView> rateCards,
                     @JsonInclude(JsonInclude.Include.ALWAYS) @Nullable List<ValidationErrorView> validationErrors) {
        static AddonView of(Reviewed<Addon> reviewed, Instant now) {
            Addon addon = reviewed.item();
            return new AddonView(VersionHeader.of(addon.header(), now), addon.instanceType(), cardViews(addon.rateCards()),
                    problems(reviewed.validationErrors()));
        }
    }

    /** A one-time fee has no {@code billingCadence} and a free one no {@code price}; both are still written. */
    @Serdeable
    record RateCardView(String type, String key, String name, @Nullable String description, @Nullable Map<String, String> metadata,
                        @Nullable String featureKey, @Nullable EntitlementTemplateView entitlementTemplate,
                        @Nullable Map<String, Object> taxConfig, @JsonInclude(JsonInclude.Include.ALWAYS) @Nullable String billingCadence,
                        @JsonInclude(JsonInclude.Include.ALWAYS) @Nullable Map<String, Object> price,
                        @Nullable Map<String, Object> discounts) {
        static RateCardView of(RateCard c) {
            return new RateCardView(c.type(), c.key(), c.name(), c.description(), c.metadata(), c.featureKey(),
                    c.entitlementTemplate() == null ? null : EntitlementTemplateView.of(c.entitlementTemplate()), c.taxConfig(),
                    text(c.billingCadence()), c.price(), c.discounts());
        }
    }

    /** The metered fields only for a metered template, {@code config} only for a static one. */
    @Serdeable
    record EntitlementTemplateView(String type, @Nullable Map<String, String> metadata, @Nullable Boolean isSoftLimit,
                                   @Nullable BigDecimal issueAfterReset, @Nullable Integer issueAfterResetPriority,
                                   @Nullable Boolean preserveOverageAtReset, @Nullable String usagePeriod, @Nullable String config) {
        static EntitlementTemplateView of(EntitlementTemplate t) {
            if (t.metered()) {
                return new EntitlementTemplateView(t.type(), t.metadata(), t.isSoftLimit(), t.issueAfterReset(), t.issueAfterResetPriority(),
                        t.preserveOverageAtReset(), text(t.usagePeriod()), null);
            }
            return new EntitlementTemplateView(t.type(), t.metadata(), null, null, null, null, null,
                    EntitlementTemplate.STATIC.equals(t.type()) ? t.config() : null);
        }
    }

    @Serdeable
    record PlanAddonView(Instant createdAt, Instant updatedAt, @Nullable Instant deletedAt, @Nullable Map<String, String> metadata,
                         AddonView addon, String fromPlanPhase, @Nullable Integer maxQuantity,
                         @JsonInclude(JsonInclude.Include.ALWAYS) @Nullable List<ValidationErrorView> validationErrors) {
        static PlanAddonView of(Reviewed<OfferedAddon> reviewed, Instant now) {
            PlanAddon offer = reviewed.item().offer();
            return new PlanAddonView(offer.createdAt(), offer.updatedAt(), offer.deletedAt(), offer.metadata(),
                    AddonView.of(new Reviewed<>(reviewed.item().addon(), null), now), offer.fromPlanPhase(), offer.maxQuantity(),
                    problems(reviewed.validationErrors()));
        }
    }

    private static List<RateCardView> cardViews(List<RateCard> cards) {
        return cards.stream().map(RateCardView::of).toList();
    }

    private static String text(IsoDuration duration) {
        return duration == null ? null : duration.text();
    }

    private static List<ValidationErrorView> problems(List<FieldError> errors) {
        return errors == null ? null : OpenMeterValidationErrors.of(errors);
    }
}
