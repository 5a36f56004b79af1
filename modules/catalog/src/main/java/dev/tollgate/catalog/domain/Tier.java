package dev.tollgate.catalog.domain;

import java.math.BigDecimal;
import java.util.Map;
import java.util.function.Function;

/**
 * A Tollgate tier as PgBeam lists it: a plan of the system namespace with its price, trial and limits. The monthly
 * price is the plan's platform fee; the trial is its first phase when that phase is a trial; the label, annual price
 * and overage text are the plan's metadata.
 */
public record Tier(String name, String label, String description, int monthlyPrice, Integer annualPrice, int trialDays,
                   String overageText, boolean selfServe, TierLimits limits) {
    private static final long DAY = 86_400;

    public static Tier of(Plan plan, Function<String, Map<String, Object>> parseConfig) {
        Map<String, String> metadata = plan.header().metadata() == null ? Map.of() : plan.header().metadata();
        PlanPhase main = plan.phases().get(plan.phases().size() - 1);
        int monthly = main.rateCards().stream().filter(c -> "platform".equals(c.key()) && c.price() != null)
                .map(c -> new BigDecimal(String.valueOf(c.price().get("amount"))).intValue()).findFirst().orElse(0);
        PlanPhase first = plan.phases().get(0);
        int trialDays = plan.phases().size() > 1 && "trial".equals(first.key()) && first.duration() != null
                ? (int) (first.duration().seconds() / DAY) : 0;
        String annual = metadata.get("annual_price");
        return new Tier(plan.header().key(), metadata.getOrDefault("label", plan.header().name()), plan.header().description(), monthly,
                annual == null ? null : Integer.valueOf(annual), trialDays, metadata.get("overage_text"),
                !"false".equals(metadata.get("self_serve")), TierLimits.of(plan, parseConfig));
    }
}
