package dev.tollgate.catalog.domain;

import dev.tollgate.platform.domain.FieldError;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The rules a plan or add-on must meet against the features it names, checked when it is read as a draft and when it
 * is published: features come and go independently, so a draft valid yesterday may name an archived feature today.
 */
public final class FeatureReferences {
    private FeatureReferences() {
    }

    public static List<FieldError> problems(Plan plan, Function<String, Optional<Feature>> liveFeature) {
        List<FieldError> problems = new ArrayList<>();
        for (int p = 0; p < plan.phases().size(); p++) {
            check(plan.phases().get(p).rateCards(), "phases/" + p + "/", liveFeature, problems);
        }
        return problems;
    }

    public static List<FieldError> problems(Addon addon, Function<String, Optional<Feature>> liveFeature) {
        List<FieldError> problems = new ArrayList<>();
        check(addon.rateCards(), "", liveFeature, problems);
        return problems;
    }

    private static void check(List<RateCard> cards, String prefix, Function<String, Optional<Feature>> liveFeature,
                              List<FieldError> problems) {
        for (int c = 0; c < cards.size(); c++) {
            RateCard card = cards.get(c);
            if (card.featureKey() == null) {
                continue;
            }
            String path = prefix + "rateCards/" + c + "/featureKey";
            Optional<Feature> feature = liveFeature.apply(card.featureKey());
            if (feature.isEmpty()) {
                problems.add(new FieldError(path, "feature '" + card.featureKey() + "' does not exist or is archived",
                        "rate_card_feature_not_found"));
            } else if (card.entitlementTemplate() != null && card.entitlementTemplate().metered() && feature.get().meterSlug() == null) {
                problems.add(new FieldError(path, "a metered entitlement needs a metered feature; '" + card.featureKey() + "' has no meter",
                        "rate_card_feature_not_metered"));
            } else if (RateCard.USAGE_BASED.equals(card.type()) && card.price() != null && feature.get().meterSlug() == null) {
                problems.add(new FieldError(path, "a usage-based price needs a metered feature; '" + card.featureKey() + "' has no meter",
                        "invoice_line_feature_has_no_meters"));
            }
        }
    }
}
