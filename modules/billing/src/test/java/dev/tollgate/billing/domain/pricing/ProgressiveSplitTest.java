package dev.tollgate.billing.domain.pricing;

import static dev.tollgate.billing.domain.pricing.Pricing.BHD;
import static dev.tollgate.billing.domain.pricing.Pricing.JPY;
import static dev.tollgate.billing.domain.pricing.Pricing.USD;
import static dev.tollgate.billing.domain.pricing.Pricing.amountsByReference;
import static dev.tollgate.billing.domain.pricing.Pricing.commitments;
import static dev.tollgate.billing.domain.pricing.Pricing.d;
import static dev.tollgate.billing.domain.pricing.Pricing.describe;
import static dev.tollgate.billing.domain.pricing.Pricing.split;
import static dev.tollgate.billing.domain.pricing.Pricing.tier;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Progressive billing (digest 003b §3.8): however a service period is split into lines, the lines together bill
 * exactly what one line for the whole period bills — every total, every discount kind, every detailed line.
 */
class ProgressiveSplitTest {
    private static final List<PriceTier> TIERS = List.of(tier("10", "5", "0.015"), tier("25.5", "7", "0.333"), tier(null, "11", "0.0049"));
    private static final RateCardDiscounts ALL_DISCOUNTS =
            new RateCardDiscounts(new PercentageDiscount(d("12.5"), "p1"), new UsageDiscount(d("3.3"), "u1"));

    static Stream<Arguments> progressivePrices() {
        List<Arguments> out = new ArrayList<>();
        for (CurrencyPrecision currency : List.of(USD, JPY, BHD)) {
            for (SpendCommitments commitments : List.of(SpendCommitments.NONE, commitments("20", null), commitments(null, "9.99"),
                    commitments("4", "15"))) {
                for (RateCardDiscounts discounts : List.of(RateCardDiscounts.NONE, ALL_DISCOUNTS)) {
                    out.add(Arguments.of(currency, new UnitPrice(d("0.015"), commitments), discounts));
                    out.add(Arguments.of(currency, new PackagePrice(d("1.005"), d("4"), commitments), discounts));
                    out.add(Arguments.of(currency, new DynamicPrice(d("1.15"), commitments), discounts));
                    out.add(Arguments.of(currency, new TieredPrice(TierMode.GRADUATED, TIERS, commitments), discounts));
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("progressivePrices")
    void splitLinesAddUpToTheWholePeriod(CurrencyPrecision currency, Price price, RateCardDiscounts discounts) {
        Random random = new Random(price.hashCode() * 31L + currency.subunits());
        for (int round = 0; round < 40; round++) {
            List<BigDecimal> parts = randomParts(random);
            BigDecimal total = parts.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
            PricedLine whole = split(currency, price, discounts, BigDecimal.ZERO, total, SplitPosition.WHOLE_PERIOD);
            List<PricedLine> lines = splits(currency, price, discounts, parts);
            assertAddsUp(whole, lines, parts);
        }
    }

    /** The example of the kernel's comment: rounding each line's own slice would bill 0.06. */
    @Test
    void threeLinesOfOneUnitAtOneAndAHalfCents() {
        List<PricedLine> lines = splits(USD, new UnitPrice(d("0.015"), null), RateCardDiscounts.NONE, List.of(d("1"), d("1"), d("1")));
        assertEquals(List.of(d("0.02"), d("0.01"), d("0.02")), lines.stream().map(l -> l.totals().total()).toList());
        assertEquals(d("0.05"), split(USD, new UnitPrice(d("0.015"), null), RateCardDiscounts.NONE, BigDecimal.ZERO, d("3"),
                SplitPosition.WHOLE_PERIOD).totals().total());
    }

    @Test
    void graduatedFlatAmountsAreBilledOnceWhenUsageEntersTheirTier() {
        TieredPrice price = new TieredPrice(TierMode.GRADUATED, List.of(tier("10", "5", "1"), tier(null, "7", "2")), null);
        List<PricedLine> lines = splits(USD, price, RateCardDiscounts.NONE, List.of(d("0"), d("4"), d("6"), d("0"), d("3")));
        assertEquals(List.of("graduated-tiered-1-flat-price 1x5.00=5.00"), describe(lines.get(0)));
        assertEquals(List.of("graduated-tiered-1-price-usage 4x1=4.00"), describe(lines.get(1)));
        assertEquals(List.of("graduated-tiered-1-price-usage 6x1=6.00"), describe(lines.get(2)));
        assertEquals(List.of(), describe(lines.get(3)));
        assertEquals(List.of("graduated-tiered-2-flat-price 1x7.00=7.00", "graduated-tiered-2-price-usage 3x2=6.00"), describe(lines.get(4)));
        assertEquals(d("3"), lines.get(4).quantity());
        assertEquals(d("10"), lines.get(4).preLinePeriodQuantity());
    }

    @Test
    void packagesStartedEarlierAreNotBilledAgain() {
        PackagePrice price = new PackagePrice(d("10"), d("20"), null);
        List<PricedLine> lines = splits(USD, price, RateCardDiscounts.NONE, List.of(d("5"), d("10"), d("5"), d("0.1")));
        assertEquals(List.of(d("10.00"), d("0.00"), d("0.00"), d("10.00")), lines.stream().map(l -> l.totals().total()).toList());
    }

    @Test
    void freeUnitsAreTheFirstUnitsOfThePeriod() {
        RateCardDiscounts free = new RateCardDiscounts(null, new UsageDiscount(d("10"), "u1"));
        List<PricedLine> lines = splits(USD, new UnitPrice(d("1"), null), free, List.of(d("6"), d("6"), d("6")));
        assertEquals(List.of(d("0"), d("2"), d("6")), lines.stream().map(PricedLine::quantity).toList());
        assertEquals(List.of(d("0"), d("0"), d("2")), lines.stream().map(PricedLine::preLinePeriodQuantity).toList());
        assertEquals(d("4"), lines.get(1).usageDiscount().quantity());
        assertEquals(d("6"), lines.get(1).usageDiscount().preLinePeriodQuantity());
    }

    @Test
    void maximumReachedOnALaterLineLeavesEarlierLinesAlone() {
        UnitPrice price = new UnitPrice(d("1"), commitments(null, "10"));
        List<PricedLine> lines = splits(USD, price, RateCardDiscounts.NONE, List.of(d("8"), d("5"), d("5")));
        assertEquals(List.of("unit-price-usage 8x1=8.00"), describe(lines.get(0)));
        assertEquals(List.of("unit-price-usage 5x1=5.00 -3.00"), describe(lines.get(1)));
        assertEquals(List.of("unit-price-usage 5x1=5.00 -5.00"), describe(lines.get(2)));
    }

    @Test
    void minimumIsToppedUpOnlyOnTheLastLine() {
        UnitPrice price = new UnitPrice(d("1"), commitments("10", null));
        List<PricedLine> lines = splits(USD, price, RateCardDiscounts.NONE, List.of(d("2"), d("3")));
        assertEquals(List.of("unit-price-usage 2x1=2.00"), describe(lines.get(0)));
        assertEquals(List.of("unit-price-usage 3x1=3.00", "min-spend 1x5.00=0.00 +5.00"), describe(lines.get(1)));
    }

    /** Flat prices are not split by usage, but their lines still add up: the fee lands on exactly one of them. */
    @Test
    void flatPricesLandOnOneLineOfThePeriod() {
        for (PaymentTerm term : PaymentTerm.values()) {
            FlatPrice price = new FlatPrice(d("99.995"), term);
            PricedLine whole = split(USD, price, RateCardDiscounts.NONE, BigDecimal.ZERO, BigDecimal.ZERO, SplitPosition.WHOLE_PERIOD);
            List<PricedLine> lines = new ArrayList<>();
            for (SplitPosition position : List.of(SplitPosition.FIRST, SplitPosition.MIDDLE, SplitPosition.MIDDLE, SplitPosition.LAST)) {
                lines.add(split(USD, price, RateCardDiscounts.NONE, BigDecimal.ZERO, BigDecimal.ZERO, position));
            }
            assertEquals(whole.totals().total(), sum(lines, l -> l.totals().total()));
            assertEquals(1, lines.stream().filter(l -> !l.children().isEmpty()).count());
            assertEquals(d("100.00"), whole.totals().total());
        }
    }

    // Volume prices refuse to be split (VolumeTieredPriceTest.isNeverBilledProgressively): their whole-period line is the only one.

    private static List<PricedLine> splits(CurrencyPrecision currency, Price price, RateCardDiscounts discounts, List<BigDecimal> parts) {
        List<PricedLine> lines = new ArrayList<>();
        BigDecimal before = BigDecimal.ZERO;
        for (int i = 0; i < parts.size(); i++) {
            SplitPosition position = new SplitPosition(i == 0, i == parts.size() - 1);
            lines.add(split(currency, price, discounts, before, parts.get(i), position));
            before = before.add(parts.get(i));
        }
        return lines;
    }

    /** 1 to 6 parts of 0 to ~40 units with up to three decimals; zeros and tier bounds are likely enough to be hit. */
    private static List<BigDecimal> randomParts(Random random) {
        int count = 1 + random.nextInt(6);
        List<BigDecimal> parts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            parts.add(switch (random.nextInt(4)) {
                case 0 -> BigDecimal.ZERO;
                case 1 -> BigDecimal.valueOf(random.nextInt(12));
                default -> BigDecimal.valueOf(random.nextInt(40_000), 3);
            });
        }
        return parts;
    }

    private static void assertAddsUp(PricedLine whole, List<PricedLine> lines, List<BigDecimal> parts) {
        String context = "parts " + parts + ": whole " + describe(whole) + " vs " + lines.stream().map(Pricing::describe).toList();
        assertEquals(whole.totals(), new LineTotals(sum(lines, l -> l.totals().amount()), sum(lines, l -> l.totals().chargesTotal()),
                sum(lines, l -> l.totals().discountsTotal()), sum(lines, l -> l.totals().total())), context);
        for (DiscountReason reason : DiscountReason.values()) {
            assertEquals(whole.discounts(reason), sum(lines, l -> l.discounts(reason)), context);
        }
        assertEquals(amountsByReference(List.of(whole)), amountsByReference(lines), context);
        assertEquals(0, whole.quantity().compareTo(sum(lines, PricedLine::quantity)), context);
        for (PricedLine line : lines) {
            assertTrue(line.totals().total().signum() >= 0, context);
            for (DetailedLine child : line.children()) {
                assertTrue(child.quantity().signum() >= 0 && child.totals().amount().signum() >= 0
                        && child.totals().total().signum() >= 0, context);
            }
        }
    }

    private static BigDecimal sum(List<PricedLine> lines, java.util.function.Function<PricedLine, BigDecimal> value) {
        return lines.stream().map(value).reduce(BigDecimal::add).orElseThrow();
    }
}
