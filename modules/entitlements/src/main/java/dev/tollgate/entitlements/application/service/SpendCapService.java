package dev.tollgate.entitlements.application.service;

import dev.tollgate.entitlements.api.SpendCapsApi;
import dev.tollgate.entitlements.api.events.LimitsChanged;
import dev.tollgate.entitlements.api.events.SpendThresholdReached;
import dev.tollgate.entitlements.application.port.out.SpendCapStore;
import dev.tollgate.entitlements.domain.SpendCap;
import dev.tollgate.platform.domain.NotFoundException;
import dev.tollgate.platform.outbox.Outbox;
import dev.tollgate.tenancy.api.TenancyApi;
import dev.tollgate.tenancy.api.TenancyApi.OrganizationSummary;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Keeps each organization's spend cap and whether it is reached. Every change runs under the row's lock, and a change
 * of "reached" publishes {@link LimitsChanged} in the same transaction, so the proxy's copy follows (ADR 0041).
 */
@Singleton
class SpendCapService implements SpendCapsApi {
    private final SpendCapStore store;
    private final TenancyApi tenancy;
    private final Outbox outbox;
    private final Clock clock;

    SpendCapService(SpendCapStore store, TenancyApi tenancy, Outbox outbox, Clock clock) {
        this.store = store;
        this.tenancy = tenancy;
        this.outbox = outbox;
        this.clock = clock;
    }

    @Override
    @Transactional(readOnly = true)
    public SpendCapState spendCapOf(String organizationPublicId) {
        return state(store.find(organization(organizationPublicId).id()).orElse(SpendCap.NONE));
    }

    @Override
    @Transactional
    public SpendCapState setSpendLimit(String organizationPublicId, BigDecimal spendLimit) {
        return change(organizationPublicId, cap -> cap.withLimit(spendLimit));
    }

    @Override
    @Transactional
    public SpendCapState setOverage(String organizationPublicId, boolean overageEnabled, BigDecimal spendLimit) {
        Instant now = clock.instant();
        return change(organizationPublicId, cap -> cap.withLimit(spendLimit).withOverage(overageEnabled, now));
    }

    @Override
    @Transactional(readOnly = true)
    public List<String> cappedOrganizations() {
        return store.capped();
    }

    @Override
    @Transactional
    public void recordCharges(String organizationPublicId, BigDecimal charges, String currency, Instant periodStart, Instant periodEnd) {
        change(organizationPublicId, cap -> {
            SpendCap priced = cap.withCharges(charges, currency, periodStart, periodEnd);
            int crossed = SpendCap.crossedPercent(priced.effectiveCap(), charges);
            if (crossed > priced.alertedPercent()) {
                outbox.publish(organizationPublicId, new SpendThresholdReached(organizationPublicId, crossed, charges, priced.effectiveCap(),
                        currency, periodStart, periodEnd));
                return priced.alerted(crossed);
            }
            return priced;
        });
    }

    @Override
    @Transactional(readOnly = true)
    public String spendRefusal(String organizationPublicId) {
        OrganizationSummary organization = tenancy.findOrganization(organizationPublicId).orElse(null);
        SpendCap cap = organization == null ? null : store.find(organization.id()).orElse(null);
        if (cap == null || !cap.reached()) {
            return null;
        }
        String until = cap.periodEnd() == null ? "" : "; it resets at " + cap.periodEnd();
        if (!cap.overageEnabled()) {
            return "plan allowance reached: usage beyond the plan's included amount is off for this organization (overage disabled)" + until;
        }
        return "spend limit reached: usage charges of " + cap.charges().stripTrailingZeros().toPlainString() + " " + currencyOf(cap)
                + " this billing period reached the organization's monthly spend limit of "
                + cap.spendLimit().stripTrailingZeros().toPlainString() + " " + currencyOf(cap) + until;
    }

    private static String currencyOf(SpendCap cap) {
        return cap.currency() == null ? "USD" : cap.currency();
    }

    private SpendCapState change(String organizationPublicId, UnaryOperator<SpendCap> edit) {
        OrganizationSummary organization = organization(organizationPublicId);
        SpendCap before = store.lock(organization.id()).orElse(SpendCap.NONE);
        SpendCap after = edit.apply(before);
        store.save(organization.id(), organization.publicId(), after, clock.instant());
        if (after.reached() != before.reached()) {
            outbox.publish(organization.publicId(), new LimitsChanged(organization.publicId()));
        }
        return state(after);
    }

    private OrganizationSummary organization(String organizationPublicId) {
        return tenancy.findOrganization(organizationPublicId).orElseThrow(() -> NotFoundException.of("Organization", organizationPublicId));
    }

    private static SpendCapState state(SpendCap cap) {
        return new SpendCapState(cap.spendLimit(), cap.overageEnabled(), cap.overageEnabledAt(), cap.charges(), cap.currency(), cap.periodEnd(),
                cap.reached());
    }
}
