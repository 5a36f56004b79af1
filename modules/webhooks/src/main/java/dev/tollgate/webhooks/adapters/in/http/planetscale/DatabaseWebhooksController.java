package dev.tollgate.webhooks.adapters.in.http.planetscale;

import dev.tollgate.platform.domain.TypeId;
import dev.tollgate.tenancy.api.Caller;
import dev.tollgate.webhooks.application.port.in.ManageDatabaseWebhooksUseCase;
import dev.tollgate.webhooks.application.port.in.ManageDatabaseWebhooksUseCase.CreateCommand;
import dev.tollgate.webhooks.domain.Endpoint;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;

/**
 * PlanetScale's database webhooks (ADR 0048): {@code {database}} is one of the organization's proxy projects, by id
 * or unique name. The secret is taken, never shown.
 */
@Controller("/v1/organizations/{organization}/databases/{database}/webhooks")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "PlanetScale: webhooks")
final class DatabaseWebhooksController {
    private final ManageDatabaseWebhooksUseCase webhooks;

    DatabaseWebhooksController(ManageDatabaseWebhooksUseCase webhooks) {
        this.webhooks = webhooks;
    }

    @Serdeable
    record WebhookRequest(@Nullable String url, @Nullable List<String> events, @Nullable String secret) {
    }

    @Serdeable
    record WebhookView(String id, String url, List<String> events, boolean active, String created_at, String updated_at) {
        static WebhookView of(Endpoint e) {
            return new WebhookView(TypeId.format("whk", e.uuid()), e.url(), e.events(), e.active(), e.createdAt().toString(),
                    e.updatedAt().toString());
        }
    }

    @Serdeable
    record WebhookList(List<WebhookView> data) {
    }

    @Get
    @Operation(operationId = "listWebhooks", summary = "List webhooks")
    WebhookList list(Caller caller, String organization, String database) {
        return new WebhookList(webhooks.list(caller, organization, database).stream().map(WebhookView::of).toList());
    }

    @Post
    @Operation(operationId = "createWebhook", summary = "Create a webhook")
    HttpResponse<WebhookView> create(Caller caller, String organization, String database, @Body WebhookRequest body) {
        return HttpResponse.created(WebhookView.of(webhooks.create(caller, organization, database,
                new CreateCommand(body.url(), body.events(), body.secret()))));
    }
}
