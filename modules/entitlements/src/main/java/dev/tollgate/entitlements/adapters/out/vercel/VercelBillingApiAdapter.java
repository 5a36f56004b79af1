package dev.tollgate.entitlements.adapters.out.vercel;

import dev.tollgate.entitlements.application.port.out.MarketplaceMetering;
import dev.tollgate.entitlements.domain.MarketplaceAccount.Provider;
import dev.tollgate.platform.domain.JsonSyntax;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Vercel's Submit Billing Data ({@code POST /v1/installations/{id}/billing} at {@code tollgate.marketplace.vercel.api-url},
 * with the installation's access token): the day's and the billing period's running usage as of the hour's end. Vercel
 * keeps the latest values per day, so a later hour's report supersedes an earlier one. The plan's price is Vercel's to
 * charge; the report carries no invoice items of its own. The URL is the operator's configuration, never a tenant's.
 */
@Singleton
final class VercelBillingApiAdapter implements MarketplaceMetering {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String apiUrl;
    private final JsonSyntax json;
    private final Clock clock;

    VercelBillingApiAdapter(@Value("${tollgate.marketplace.vercel.api-url:`https://api.vercel.com`}") String apiUrl, JsonSyntax json,
                            Clock clock) {
        this.apiUrl = apiUrl.strip().replaceAll("/+$", "");
        this.json = json;
        this.clock = clock;
    }

    @Override
    public Provider provider() {
        return Provider.VERCEL;
    }

    @Override
    public void report(MeteredAccount account, HourUsage usage) {
        Instant dayEnd = usage.hour().truncatedTo(ChronoUnit.DAYS).plus(1, ChronoUnit.DAYS);
        YearMonth month = YearMonth.from(usage.hour().atZone(ZoneOffset.UTC));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("timestamp", clock.instant().toString());
        body.put("eod", dayEnd.minusMillis(1).toString()); // the day the values are for (its last instant, inside the period)
        body.put("period", Map.of("start", month.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant().toString(),
                "end", month.plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant().toString()));
        body.put("billing", Map.of("items", List.of()));
        body.put("usage", usage.dimensions().stream().map(d -> Map.of("name", d.label(), "type", "interval", "units", d.units(),
                "dayValue", d.day(), "periodValue", d.period())).toList());
        HttpRequest request = HttpRequest.newBuilder(URI.create(apiUrl + "/v1/installations/"
                        + URLEncoder.encode(account.externalId(), StandardCharsets.UTF_8) + "/billing"))
                .timeout(Duration.ofSeconds(20)).header("Authorization", "Bearer " + account.accessToken())
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json.write(body))).build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException("Vercel refused the billing data of " + account.externalId() + ": HTTP " + response.statusCode());
            }
        } catch (IOException e) {
            throw new IllegalStateException("Vercel's billing API could not be reached: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reporting usage to Vercel", e);
        }
    }
}
