package dev.tollgate.entitlements.adapters.out.aws;

import dev.tollgate.entitlements.application.port.out.AwsMarketplaceCustomers;
import dev.tollgate.entitlements.application.port.out.MarketplaceMetering;
import dev.tollgate.entitlements.domain.MarketplaceAccount.Provider;
import dev.tollgate.platform.domain.JsonSyntax;
import dev.tollgate.platform.domain.ValidationException;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * AWS Marketplace's Metering Service (ResolveCustomer, BatchMeterUsage) and Entitlement Service (GetEntitlements), as
 * JSON 1.1 calls signed with SigV4 under the configured credentials, at endpoints the operator configures
 * ({@code tollgate.marketplace.aws.metering-url}, {@code entitlement-url}; us-east-1's by default). Usage goes as one
 * record per dimension and hour: {@code queries} as counted, {@code data_transfer} in whole megabytes (AWS quantities
 * are integers). AWS treats a repeated record (same customer, dimension and hour) as a duplicate, not a second charge.
 */
@Singleton
final class AwsMarketplaceApiAdapter implements AwsMarketplaceCustomers, MarketplaceMetering {
    private static final String SIGNING_NAME = "aws-marketplace";
    private static final BigDecimal MEGABYTE = BigDecimal.valueOf(1_000_000);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final URI meteringUrl;
    private final URI entitlementUrl;
    private final AwsSigV4 signer;
    private final JsonSyntax json;
    private final Clock clock;

    AwsMarketplaceApiAdapter(@Value("${tollgate.marketplace.aws.region:us-east-1}") String region,
                             @Value("${tollgate.marketplace.aws.metering-url:`https://metering.marketplace.us-east-1.amazonaws.com`}") String meteringUrl,
                             @Value("${tollgate.marketplace.aws.entitlement-url:`https://entitlement.marketplace.us-east-1.amazonaws.com`}") String entitlementUrl,
                             @Nullable @Value("${tollgate.marketplace.aws.access-key-id}") String accessKeyId,
                             @Nullable @Value("${tollgate.marketplace.aws.secret-access-key}") String secretAccessKey,
                             @Nullable @Value("${tollgate.marketplace.aws.session-token}") String sessionToken, JsonSyntax json, Clock clock) {
        this.meteringUrl = URI.create(meteringUrl.strip() + "/").normalize();
        this.entitlementUrl = URI.create(entitlementUrl.strip() + "/").normalize();
        this.signer = accessKeyId == null || secretAccessKey == null ? null
                : new AwsSigV4(accessKeyId.strip(), secretAccessKey.strip(), sessionToken == null || sessionToken.isBlank() ? null : sessionToken.strip(),
                region.strip());
        this.json = json;
        this.clock = clock;
    }

    @Override
    public Provider provider() {
        return Provider.AWS;
    }

    @Override
    public ResolvedCustomer resolveCustomer(String registrationToken) {
        Reply reply = call(meteringUrl, "AWSMPMeteringService.ResolveCustomer", Map.of("RegistrationToken", registrationToken));
        if (reply.status() == 400) {
            // InvalidTokenException, ExpiredTokenException ...: the token is the buyer's input, so this is theirs to fix.
            throw new ValidationException("x-amzn-marketplace-token", "AWS Marketplace did not accept the registration token ("
                    + reply.body().getOrDefault("__type", "error") + ")");
        }
        Map<String, Object> body = reply.require("ResolveCustomer");
        return new ResolvedCustomer(text(body, "CustomerIdentifier"), text(body, "ProductCode"), text(body, "CustomerAWSAccountId"));
    }

    @Override
    public List<String> entitledDimensions(String productCode, String customerIdentifier) {
        List<String> dimensions = new ArrayList<>();
        String next = null;
        do {
            Map<String, Object> request = new LinkedHashMap<>();
            request.put("ProductCode", productCode);
            request.put("Filter", Map.of("CUSTOMER_IDENTIFIER", List.of(customerIdentifier)));
            if (next != null) {
                request.put("NextToken", next);
            }
            Map<String, Object> body = call(entitlementUrl, "AWSMPEntitlementService.GetEntitlements", request).require("GetEntitlements");
            if (body.get("Entitlements") instanceof List<?> entitlements) {
                for (Object e : entitlements) {
                    if (e instanceof Map<?, ?> m && m.get("Dimension") instanceof String d) {
                        dimensions.add(d);
                    }
                }
            }
            next = body.get("NextToken") instanceof String t && !t.isEmpty() ? t : null;
        } while (next != null);
        return dimensions;
    }

    @Override
    public void report(MeteredAccount account, HourUsage usage) {
        List<Map<String, Object>> records = new ArrayList<>();
        for (Dimension d : usage.dimensions()) {
            BigDecimal quantity = "bytes".equals(d.units()) ? d.hour().divide(MEGABYTE, 0, RoundingMode.HALF_UP) : d.hour();
            records.add(Map.of("Timestamp", usage.hour().getEpochSecond(), "CustomerIdentifier", account.externalId(), "Dimension", d.name(),
                    "Quantity", quantity.setScale(0, RoundingMode.HALF_UP).intValueExact()));
        }
        Map<String, Object> body = call(meteringUrl, "AWSMPMeteringService.BatchMeterUsage",
                Map.of("ProductCode", account.productCode(), "UsageRecords", records)).require("BatchMeterUsage");
        if (body.get("UnprocessedRecords") instanceof List<?> unprocessed && !unprocessed.isEmpty()) {
            throw new IllegalStateException("AWS left " + unprocessed.size() + " usage records unprocessed");
        }
        if (body.get("Results") instanceof List<?> results) {
            for (Object r : results) {
                if (r instanceof Map<?, ?> m && !"Success".equals(m.get("Status")) && !"DuplicateRecord".equals(m.get("Status"))) {
                    throw new IllegalStateException("AWS did not meter a usage record: " + m.get("Status"));
                }
            }
        }
    }

    private record Reply(int status, Map<String, Object> body) {
        Map<String, Object> require(String operation) {
            if (status / 100 != 2) {
                throw new IllegalStateException("AWS Marketplace " + operation + " failed: HTTP " + status + " " + body.get("__type"));
            }
            return body;
        }
    }

    private Reply call(URI endpoint, String target, Map<String, Object> request) {
        if (signer == null) {
            throw new IllegalStateException("tollgate.marketplace.aws.access-key-id and secret-access-key are not set");
        }
        String body = json.write(request);
        Map<String, String> headers = Map.of("Content-Type", "application/x-amz-json-1.1", "X-Amz-Target", target);
        HttpRequest.Builder builder = HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(20)).POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(builder::header);
        signer.sign(SIGNING_NAME, endpoint, headers, body, clock.instant()).forEach((k, v) -> {
            if (!k.equals("content-type") && !k.equals("x-amz-target")) {
                builder.header(k, v);
            }
        });
        try {
            HttpResponse<String> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), json.parseObject(response.body()).orElse(Map.of()));
        } catch (IOException e) {
            throw new IllegalStateException("AWS Marketplace could not be reached: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while calling AWS Marketplace", e);
        }
    }

    private static String text(Map<String, Object> body, String key) {
        if (!(body.get(key) instanceof String s) || s.isEmpty()) {
            throw new IllegalStateException("AWS Marketplace answered without " + key);
        }
        return s;
    }
}
