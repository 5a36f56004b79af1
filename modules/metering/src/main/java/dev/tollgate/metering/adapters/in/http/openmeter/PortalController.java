package dev.tollgate.metering.adapters.in.http.openmeter;

import dev.tollgate.metering.application.port.in.PortalUseCase;
import dev.tollgate.metering.domain.MeterQuery;
import dev.tollgate.metering.domain.PortalToken;
import dev.tollgate.tenancy.api.Caller;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * OpenMeter's consumer portal. Tokens are managed with the namespace's credentials; the portal query is authorized by
 * the portal token alone (no {@link Caller}), which sees only its subject and its meters.
 */
@Controller("/api/v1/portal")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "OpenMeter: portal")
final class PortalController {
    private final PortalUseCase portal;
    private final MeterQueryRequests requests;
    private final Clock clock;

    PortalController(PortalUseCase portal, MeterQueryRequests requests, Clock clock) {
        this.portal = portal;
        this.requests = requests;
        this.clock = clock;
    }

    @Serdeable
    record PortalTokenBody(String subject, @Nullable List<String> allowedMeterSlugs, @Nullable String expiresAt) {
    }

    @Serdeable
    record PortalTokenView(String id, String subject, Instant expiresAt, boolean expired, Instant createdAt, String token,
                           List<String> allowedMeterSlugs) {
    }

    @Serdeable
    record InvalidateBody(@Nullable String id, @Nullable String subject) {
    }

    @Post("/tokens")
    @Operation(operationId = "createPortalToken", summary = "Create consumer portal token")
    PortalTokenView create(Caller caller, @Body PortalTokenBody body) {
        PortalToken.Issued issued = portal.create(caller, body.subject(), body.allowedMeterSlugs(),
                OpenMeterParams.instant("expiresAt", body.expiresAt()));
        return view(issued.token(), issued.secret());
    }

    @Get("/tokens")
    @Operation(operationId = "listPortalTokens", summary = "List consumer portal tokens")
    List<PortalTokenView> list(Caller caller, @Nullable @QueryValue Integer limit) {
        return portal.list(caller, limit == null ? 25 : limit).stream().map(t -> view(t, null)).toList();
    }

    @Post("/tokens/invalidate")
    @Operation(operationId = "invalidatePortalTokens", summary = "Invalidate portal tokens")
    HttpResponse<Void> invalidate(Caller caller, @Body InvalidateBody body) {
        portal.invalidate(caller, body.id(), body.subject());
        return HttpResponse.noContent();
    }

    @Get(value = "/meters/{meterSlug}/query", produces = {MediaType.APPLICATION_JSON, MeterQueryRequests.TEXT_CSV})
    @Operation(operationId = "queryPortalMeter", summary = "Query meter (consumer portal)")
    MutableHttpResponse<?> query(String meterSlug, HttpRequest<?> request) {
        String authorization = request.getHeaders().get(HttpHeaders.AUTHORIZATION);
        String bearer = authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7) ? authorization.substring(7).trim() : null;
        MeterQuery query = requests.fromParameters(request.getParameters());
        return MeterQueryRequests.respond(request, MeterQueryRequests.result(query, portal.query(bearer, meterSlug, query)));
    }

    private PortalTokenView view(PortalToken t, String secret) {
        return new PortalTokenView(t.ulid(), t.subject(), t.expiresAt(), t.expired(clock.instant()), t.createdAt(), secret,
                t.allowedMeterSlugs());
    }
}
