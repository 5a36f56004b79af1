package dev.tollgate.entitlements.adapters.out.config;

import dev.tollgate.entitlements.application.port.out.MarketplaceSettings;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** The marketplace listings' settings, under {@code tollgate.marketplace} (README, configuration table). */
@Singleton
final class ConfiguredMarketplaceSettings implements MarketplaceSettings {
    private final String vercelProduct;
    private final String awsProductCode;
    private final String awsSubscriptionTier;
    private final Set<String> awsTopicArns;
    private final Pattern snsHosts;
    private final boolean snsAllowPlainHttp;
    private final Duration snsMaxAge;
    private final Duration usageLookback;

    ConfiguredMarketplaceSettings(@Value("${tollgate.marketplace.vercel.product:tollgate}") String vercelProduct,
                                  @Nullable @Value("${tollgate.marketplace.aws.product-code}") String awsProductCode,
                                  @Value("${tollgate.marketplace.aws.subscription-tier:pro}") String awsSubscriptionTier,
                                  @Value("${tollgate.marketplace.aws.sns.topic-arns:}") String awsTopicArns,
                                  @Value("${tollgate.marketplace.aws.sns.hosts:`sns\\.[a-z0-9-]+\\.amazonaws\\.com`}") String snsHosts,
                                  @Value("${tollgate.marketplace.aws.sns.allow-plain-http:false}") boolean snsAllowPlainHttp,
                                  @Value("${tollgate.marketplace.aws.sns.max-age:PT1H}") Duration snsMaxAge,
                                  @Value("${tollgate.marketplace.usage.lookback:PT6H}") Duration usageLookback) {
        this.usageLookback = usageLookback;
        this.vercelProduct = vercelProduct.strip();
        this.awsProductCode = awsProductCode == null || awsProductCode.isBlank() ? null : awsProductCode.strip();
        this.awsSubscriptionTier = awsSubscriptionTier.strip();
        this.awsTopicArns = Arrays.stream(awsTopicArns.split(",")).map(String::strip).filter(s -> !s.isEmpty()).collect(Collectors.toUnmodifiableSet());
        this.snsHosts = Pattern.compile(snsHosts.strip());
        this.snsAllowPlainHttp = snsAllowPlainHttp;
        this.snsMaxAge = snsMaxAge;
    }

    @Override
    public String vercelProduct() {
        return vercelProduct;
    }

    @Override
    public String awsProductCode() {
        return awsProductCode;
    }

    @Override
    public String awsSubscriptionTier() {
        return awsSubscriptionTier;
    }

    @Override
    public Set<String> awsTopicArns() {
        return awsTopicArns;
    }

    @Override
    public Pattern snsHosts() {
        return snsHosts;
    }

    @Override
    public boolean snsAllowPlainHttp() {
        return snsAllowPlainHttp;
    }

    @Override
    public Duration snsMaxAge() {
        return snsMaxAge;
    }

    @Override
    public Duration usageLookback() {
        return usageLookback;
    }
}
