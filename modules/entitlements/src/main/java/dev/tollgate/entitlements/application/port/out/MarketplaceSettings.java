package dev.tollgate.entitlements.application.port.out;

/** How the operator configured the marketplace listings (ADR 0044). */
public interface MarketplaceSettings {
    /** The product slug of Tollgate's Vercel integration ({@code tollgate.marketplace.vercel.product}). */
    String vercelProduct();

    /** The AWS Marketplace product code of Tollgate's SaaS listing; null when the listing is not configured. */
    String awsProductCode();

    /** The tier an AWS subscription without a contract entitlement naming one is on. */
    String awsSubscriptionTier();

    /** The SNS topics (ARNs) whose messages are AWS Marketplace's for this listing: any other topic's are refused. */
    java.util.Set<String> awsTopicArns();

    /** Hosts SNS signing certificates and subscription URLs may be fetched from (the whole host must match). */
    java.util.regex.Pattern snsHosts();

    /** Plain HTTP and explicit ports for SNS URLs: only for a local fake in tests. */
    boolean snsAllowPlainHttp();

    /** How old an SNS message may be: an older one (a replay) is refused. */
    java.time.Duration snsMaxAge();

    /** How far back completed hours of usage are still sent (AWS takes records up to six hours old). */
    java.time.Duration usageLookback();
}
