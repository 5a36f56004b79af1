package dev.tollgate.entitlements.application.service;

import dev.tollgate.entitlements.application.port.in.ReceiveSnsNotificationUseCase;
import dev.tollgate.entitlements.application.port.out.MarketplaceAccountStore;
import dev.tollgate.entitlements.application.port.out.MarketplaceSettings;
import dev.tollgate.entitlements.application.port.out.SnsEndpoints;
import dev.tollgate.entitlements.domain.MarketplaceAccount;
import dev.tollgate.entitlements.domain.MarketplaceAccount.Provider;
import dev.tollgate.entitlements.domain.SnsMessage;
import dev.tollgate.platform.domain.ForbiddenException;
import dev.tollgate.platform.domain.JsonSyntax;
import dev.tollgate.platform.domain.TypeId;
import dev.tollgate.platform.domain.ValidationException;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks an SNS message in the order that lets an attacker cause the least: well-formed, from an allowed topic, recent,
 * its certificate URL on an allowed host (only then fetched), its signature; then acts on it.
 */
@Singleton
class SnsNotifications implements ReceiveSnsNotificationUseCase {
    private static final Logger LOG = LoggerFactory.getLogger(SnsNotifications.class);
    private final JsonSyntax json;
    private final MarketplaceSettings settings;
    private final SnsEndpoints sns;
    private final MarketplaceAccountStore accounts;
    private final MarketplaceTiers tiers;
    private final AwsEntitledTier entitledTier;
    private final Clock clock;

    SnsNotifications(JsonSyntax json, MarketplaceSettings settings, SnsEndpoints sns, MarketplaceAccountStore accounts, MarketplaceTiers tiers,
                     AwsEntitledTier entitledTier, Clock clock) {
        this.json = json;
        this.settings = settings;
        this.sns = sns;
        this.accounts = accounts;
        this.tiers = tiers;
        this.entitledTier = entitledTier;
        this.clock = clock;
    }

    @Override
    @Transactional
    public void receive(String body) {
        String productCode = entitledTier.requireListing();
        SnsMessage message = trusted(body);
        switch (message.type()) {
            case SnsMessage.SUBSCRIPTION_CONFIRMATION -> sns.confirmSubscription(URI.create(message.subscribeUrl()));
            case SnsMessage.NOTIFICATION -> act(message, productCode);
            default -> LOG.info("SNS {} for {} received; nothing to do", message.type(), message.topicArn());
        }
    }

    private SnsMessage trusted(String body) {
        SnsMessage message;
        try {
            message = SnsMessage.of(json.parseObject(body == null ? "" : body).orElseThrow(() -> new IllegalArgumentException("not a JSON object")));
        } catch (IllegalArgumentException e) {
            throw new ValidationException("body", "is not an SNS message: " + e.getMessage());
        }
        if (!settings.awsTopicArns().contains(message.topicArn())) {
            throw new ForbiddenException("SNS topic " + message.topicArn() + " is not one of this listing's");
        }
        Instant signedAt;
        try {
            signedAt = Instant.parse(message.timestamp());
        } catch (DateTimeParseException e) {
            throw new ValidationException("Timestamp", "is not an ISO-8601 instant");
        }
        if (Duration.between(signedAt, clock.instant()).compareTo(settings.snsMaxAge()) > 0) {
            throw new ForbiddenException("The SNS message is older than " + settings.snsMaxAge() + ": refused as a replay");
        }
        if (!SnsMessage.allowedSnsUrl(message.signingCertUrl(), settings.snsHosts(), settings.snsAllowPlainHttp())) {
            throw new ForbiddenException("SigningCertURL is not on an allowed SNS host; it was not fetched");
        }
        if (message.subscribeUrl() != null && !SnsMessage.allowedSnsUrl(message.subscribeUrl(), settings.snsHosts(),
                settings.snsAllowPlainHttp())) {
            throw new ForbiddenException("SubscribeURL is not on an allowed SNS host");
        }
        if (!message.signedBy(sns.signingKey(URI.create(message.signingCertUrl())))) {
            throw new ForbiddenException("The SNS message's signature does not verify");
        }
        return message;
    }

    private void act(SnsMessage message, String productCode) {
        Map<String, Object> notification = json.parseObject(message.message())
                .orElseThrow(() -> new ValidationException("Message", "is not a JSON object"));
        String action = string(notification, "action");
        String customer = string(notification, "customer-identifier");
        if (!productCode.equals(string(notification, "product-code")) || customer == null || action == null) {
            LOG.warn("SNS notification {} is not about this listing's customers; ignored", message.messageId());
            return;
        }
        accounts.lock(Provider.AWS, customer);
        var known = accounts.find(Provider.AWS, customer);
        Instant now = clock.instant();
        MarketplaceAccount account = known.orElse(null);
        MarketplaceAccount changed = switch (action) {
            // Subscribed before registering: kept, unclaimed, for the buyer's registration to find.
            case "subscribe-success" -> account == null
                    ? MarketplaceAccount.open(TypeId.newUuid(), Provider.AWS, customer, null, null, productCode, entitledTier.of(customer),
                    "active", now)
                    : account.endedAt() != null ? account.reopened(entitledTier.of(customer), "active", now) : account.withPlan(account.plan(),
                    "active", now);
            case "subscribe-fail" -> account == null ? null : account.withPlan(account.plan(), "incomplete", now);
            // AWS takes the last hour's metering for an hour more; the tier stays until unsubscribe-success.
            case "unsubscribe-pending" -> null;
            case "unsubscribe-success" -> account == null ? null : account.ended(now);
            case "entitlement-updated" -> account == null ? null : account.withPlan(entitledTier.of(customer), account.status(), now);
            default -> null;
        };
        if (changed == null) {
            LOG.info("SNS {} for AWS customer {}: nothing to change", action, customer);
            return;
        }
        accounts.save(changed);
        tiers.apply(changed);
    }

    private static String string(Map<String, Object> map, String key) {
        return map.get(key) instanceof String s ? s : null;
    }
}
