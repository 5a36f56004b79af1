package dev.tollgate.billing.domain.invoice;

import dev.tollgate.billing.domain.pricing.CurrencyPrecision;
import dev.tollgate.billing.domain.pricing.ServicePeriodShare;
import dev.tollgate.billing.domain.subscription.AddonOverlay;
import dev.tollgate.billing.domain.subscription.Period;
import dev.tollgate.billing.domain.subscription.Recurrence;
import dev.tollgate.billing.domain.subscription.Subscription;
import dev.tollgate.billing.domain.subscription.SubscriptionItem;
import dev.tollgate.billing.domain.subscription.SubscriptionPhase;
import dev.tollgate.platform.domain.IsoDuration;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The invoice lines a subscription bills (digest 003b §3.3, §4.1): for every priced item of every phase, one line per
 * service period of the item's own cadence (one for a one-time fee), cut to the item's active window; invoiced at the
 * start of the subscription's billing period for a flat fee paid in advance, else when both the service period and the
 * billing period have ended. A flat fee for part of a period is prorated when the plan says so — never when the
 * subscription's own end cuts it — and a fee that prorates to nothing is not billed. Each line carries its identity
 * ({@code <subscription>/<phase>/<item>/<version label>/period[<n>]}, the label {@code v[<version>]} unless an add-on cut the
 * version, see {@link AddonOverlay}), so planning again finds the lines already made.
 *
 * @param lines  lines whose service period has started by the horizon
 * @param nextAt when the next service period of any item starts after the horizon (null: the subscription bills nothing more)
 */
public record SubscriptionLines(List<InvoiceLine> lines, Instant nextAt) {
    private static final int MAX_PERIODS = 10_000;

    public static SubscriptionLines plan(Subscription sub, Instant horizon, CurrencyPrecision currency, Supplier<UUID> ids, Instant now) {
        return plan(AddonOverlay.of(sub, List.of()), horizon, currency, ids, now);
    }

    /** The lines of the subscription with its add-ons laid over its items (ADR 0035). */
    public static SubscriptionLines plan(AddonOverlay overlay, Instant horizon, CurrencyPrecision currency, Supplier<UUID> ids, Instant now) {
        Subscription sub = overlay.subscription();
        List<InvoiceLine> lines = new ArrayList<>();
        Instant next = null;
        if (sub.deletedAt() != null) {
            return new SubscriptionLines(lines, null);
        }
        for (int i : sub.visiblePhases()) {
            SubscriptionPhase phase = sub.phases().get(i);
            Instant phaseEnd = sub.phaseEnd(i);
            if (!phase.activeFrom().isBefore(horizon)) {
                next = earliest(next, phase.activeFrom());
                break;
            }
            for (List<AddonOverlay.ItemVersion> versions : overlay.billedTimelines(i).values()) {
                for (AddonOverlay.ItemVersion version : versions) {
                    next = earliest(next, planItem(sub, phase, phaseEnd, version.item(), version.label(), horizon, currency, ids, now, lines));
                }
            }
        }
        return new SubscriptionLines(lines, next);
    }

    /** Adds the item's lines up to the horizon; returns when its next period starts (null: never). */
    @SuppressWarnings("unchecked")
    private static Instant planItem(Subscription sub, SubscriptionPhase phase, Instant phaseEnd, SubscriptionItem item, String version,
                                    Instant horizon, CurrencyPrecision currency, Supplier<UUID> ids, Instant now, List<InvoiceLine> lines) {
        Map<String, Object> card = item.rateCard();
        Map<String, Object> price = (Map<String, Object>) card.get("price");
        Instant from = later(item.activeFrom(), phase.activeFrom());
        Instant to = earliest(earliest(item.activeTo(), phaseEnd), sub.activeTo()); // null: open-ended
        if (price == null || (to != null && !from.isBefore(to))) {
            return null;
        }
        String reference = idOf(sub) + "/" + phase.key() + "/" + item.key() + "/" + version + "/period[";
        Object cadenceText = card.get("billingCadence");
        if (cadenceText == null) {
            if (!from.isBefore(horizon)) {
                return from;
            }
            Period billing = sub.alignedPeriodAt(from).orElse(new Period(from, to));
            Instant end = to != null ? to : billing.to();
            if (end == null || !from.isBefore(end)) {
                return null;
            }
            line(sub, phase, item, card, price, new Period(from, end), new Period(from, end), billing, reference + "0]", currency, ids, now)
                    .ifPresent(lines::add);
            return null;
        }
        Recurrence recurrence = new Recurrence(IsoDuration.parse(cadenceText.toString()).orElseThrow(), sub.anchorOrigin());
        Instant t = from;
        for (int n = 0; n < MAX_PERIODS; n++) {
            if (to != null && !t.isBefore(to)) {
                return null;
            }
            if (!t.isBefore(horizon)) {
                return t;
            }
            Period full = recurrence.periodAt(t);
            Period service = full.clippedTo(t, to);
            Period billing = sub.alignedPeriodAt(service.from()).orElse(service);
            line(sub, phase, item, card, price, service, full, billing, reference + n + "]", currency, ids, now).ifPresent(lines::add);
            t = service.to();
        }
        throw new IllegalStateException("subscription " + sub.id() + " plans more than " + MAX_PERIODS + " periods of " + item.key());
    }

    @SuppressWarnings("unchecked")
    private static java.util.Optional<InvoiceLine> line(Subscription sub, SubscriptionPhase phase, SubscriptionItem item, Map<String, Object> card,
                                                        Map<String, Object> price, Period service, Period full, Period billing, String reference,
                                                        CurrencyPrecision currency, Supplier<UUID> ids, Instant now) {
        boolean flat = "flat".equals(price.get("type"));
        boolean inAdvance = flat && !"in_arrears".equals(price.get("paymentTerm"));
        Instant invoiceAt = (inAdvance ? billing.from() : later(service.to(), billing.to())).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        Map<String, Object> linePrice = new LinkedHashMap<>(price);
        if (flat) {
            BigDecimal amount = new BigDecimal(price.get("amount").toString());
            boolean cutBySubscriptionEnd = sub.activeTo() != null && !sub.activeTo().isAfter(service.to());
            Duration served = Duration.between(service.from(), service.to());
            Duration whole = full.to() == null ? served : Duration.between(full.from(), full.to());
            if (sub.proRating() && !cutBySubscriptionEnd && served.compareTo(whole) < 0) {
                amount = new ServicePeriodShare(served, whole).prorate(amount, currency);
            }
            if (amount.signum() == 0) {
                return java.util.Optional.empty();
            }
            linePrice.put("amount", amount.toPlainString());
        }
        Map<String, Object> rateCard = new LinkedHashMap<>();
        if (card.get("featureKey") != null) {
            rateCard.put("featureKey", card.get("featureKey"));
        }
        if (card.get("taxConfig") != null) {
            rateCard.put("taxConfig", card.get("taxConfig"));
        }
        rateCard.put("price", linePrice);
        if (card.get("discounts") != null) {
            rateCard.put("discounts", card.get("discounts"));
        }
        Map<String, Object> subscription = new LinkedHashMap<>();
        subscription.put("subscription", Map.of("id", idOf(sub)));
        subscription.put("phase", Map.of("id", dev.tollgate.platform.domain.Ulid.of(phase.id())));
        subscription.put("item", Map.of("id", dev.tollgate.platform.domain.Ulid.of(item.id())));
        subscription.put("billingPeriod", Map.of("from", billing.from().toString(), "to", billing.to() == null ? service.to().toString()
                : billing.to().toString()));
        LinePeriod period = new LinePeriod(service.from(), service.to());
        String name = card.get("name") == null ? item.key() : card.get("name").toString();
        String description = card.get("description") == null ? null : card.get("description").toString();
        return java.util.Optional.of(new InvoiceLine(ids.get(), name, description, null, "subscription", "valid", period, period, invoiceAt,
                rateCard, null, null, List.of(), null, null, null, subscription, reference, now, now));
    }

    private static String idOf(Subscription sub) {
        return dev.tollgate.platform.domain.Ulid.of(sub.id());
    }

    private static Instant earliest(Instant a, Instant b) {
        return a == null ? b : b == null ? a : a.isBefore(b) ? a : b;
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
