package dev.tollgate.tenancy.adapters.in.http.nativeapi;

import dev.tollgate.platform.domain.ValidationException;
import dev.tollgate.tenancy.api.Caller;
import dev.tollgate.tenancy.application.port.in.ManageApiKeysUseCase;
import dev.tollgate.tenancy.domain.ApiKey;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;

/** API keys of an organization ({@code org_id} = its {@code org_...} id or slug), in PgBeam's style. */
@Controller("/v1/api-keys")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Tollgate: API keys")
final class ApiKeysController {
    private final ManageApiKeysUseCase apiKeys;

    ApiKeysController(ManageApiKeysUseCase apiKeys) {
        this.apiKeys = apiKeys;
    }

    @Serdeable
    record CreateApiKeyRequest(@Nullable String org_id, @Nullable String name, @Nullable List<String> scopes) {
    }

    @Serdeable
    record ApiKeyView(String id, String org_id, String name, String prefix, List<String> scopes, Instant created_at,
                      @Nullable Instant last_used_at, @Nullable Instant revoked_at) {
        static ApiKeyView of(ApiKey k) {
            return new ApiKeyView(k.publicId(), dev.tollgate.platform.domain.TypeId.format("org", k.organizationId()), k.name(),
                    k.prefix(), k.scopes().stream().sorted().toList(), k.createdAt(), k.lastUsedAt(), k.revokedAt());
        }
    }

    /** Returned once, at creation: the only time the plaintext {@code key} is shown. */
    @Serdeable
    record CreatedApiKey(String id, String org_id, String name, String prefix, List<String> scopes, Instant created_at, String key) {
    }

    @Serdeable
    record ApiKeyList(List<ApiKeyView> api_keys) {
    }

    @Post
    @Operation(operationId = "CreateApiKey", summary = "Create an API key (its secret is shown once)")
    HttpResponse<CreatedApiKey> create(Caller caller, @Body CreateApiKeyRequest body) {
        ApiKey.Issued issued = apiKeys.create(caller, required("org_id", body.org_id()), body.name(), body.scopes());
        ApiKeyView v = ApiKeyView.of(issued.key());
        return HttpResponse.created(new CreatedApiKey(v.id(), v.org_id(), v.name(), v.prefix(), v.scopes(), v.created_at(), issued.plaintext()));
    }

    @Get
    @Operation(operationId = "ListApiKeys", summary = "List API keys (secrets are never shown again)")
    ApiKeyList list(Caller caller, @Nullable @QueryValue("org_id") String orgId) {
        return new ApiKeyList(apiKeys.list(caller, required("org_id", orgId)).stream().map(ApiKeyView::of).toList());
    }

    @Delete("/{key_id}")
    @Operation(operationId = "RevokeApiKey", summary = "Revoke an API key, effective at once")
    HttpResponse<Void> revoke(Caller caller, String key_id, @Nullable @QueryValue("org_id") String orgId) {
        apiKeys.revoke(caller, required("org_id", orgId), key_id);
        return HttpResponse.noContent();
    }

    private static String required(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new ValidationException(field, "is required");
        }
        return value;
    }
}
