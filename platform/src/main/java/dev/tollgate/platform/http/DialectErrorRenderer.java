package dev.tollgate.platform.http;

import dev.tollgate.platform.domain.FieldError;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes an {@link ApiError} in the error shape of the request's dialect. This is the only place that knows
 * those shapes; see docs/architecture.md, "Errors".
 */
final class DialectErrorRenderer {
    static final MediaType PROBLEM_JSON = MediaType.of("application/problem+json");

    private DialectErrorRenderer() {
    }

    static MutableHttpResponse<?> render(HttpRequest<?> request, ApiError error, MutableHttpResponse<?> response) {
        Dialect dialect = Dialect.of(request.getPath());
        ApiError shaped = error.withStatus(documentedStatus(dialect, error));
        response.status(shaped.status());
        if (shaped.retryAfterSeconds() != null) {
            response.header("Retry-After", Long.toString(shaped.retryAfterSeconds()));
        }
        return switch (dialect) {
            case PGBEAM -> response.body(pgbeam(shaped)).contentType(MediaType.APPLICATION_JSON_TYPE);
            case PLANETSCALE -> response.body(planetscale(shaped)).contentType(MediaType.APPLICATION_JSON_TYPE);
            case CENTRALI -> response.body(centrali(request, shaped)).contentType(MediaType.APPLICATION_JSON_TYPE);
            case OPENMETER -> response.body(openmeter(request, shaped)).contentType(PROBLEM_JSON);
            case PHP_TENANT -> response.body(phpTenant(request, shaped)).contentType(MediaType.APPLICATION_JSON_TYPE);
        };
    }

    /**
     * Each document has its own vocabulary of statuses: validation failures are 422 in PlanetScale and php-tenant
     * and 400 elsewhere; PlanetScale has no 403 (a token lacking a permission is 401) and reports clashes with
     * existing state as 422.
     */
    static HttpStatus documentedStatus(Dialect dialect, ApiError error) {
        boolean planetscale = dialect == Dialect.PLANETSCALE;
        if (error.isValidation()) {
            return planetscale || dialect == Dialect.PHP_TENANT ? HttpStatus.UNPROCESSABLE_ENTITY : HttpStatus.BAD_REQUEST;
        }
        if (planetscale && error.status() == HttpStatus.FORBIDDEN) {
            return HttpStatus.UNAUTHORIZED;
        }
        if (planetscale && error.status() == HttpStatus.CONFLICT) {
            return HttpStatus.UNPROCESSABLE_ENTITY;
        }
        return error.status();
    }

    private static Map<String, Object> pgbeam(ApiError e) {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("code", e.code());
        inner.put("message", e.message());
        return Map.of("error", inner);
    }

    private static Map<String, Object> planetscale(ApiError e) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", e.code());
        body.put("message", e.message());
        return body;
    }

    private static Map<String, Object> centrali(HttpRequest<?> request, ApiError e) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", e.code().toUpperCase(java.util.Locale.ROOT));
        body.put("message", e.message());
        body.put("status", e.status().getCode());
        body.put("timestamp", Instant.now().toString());
        body.put("path", request.getPath());
        body.put("requestId", RequestIds.of(request));
        return body;
    }

    private static Map<String, Object> openmeter(HttpRequest<?> request, ApiError e) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", e.status().getReason());
        body.put("status", e.status().getCode());
        body.put("detail", e.message());
        body.put("instance", request.getPath());
        if (!e.fieldErrors().isEmpty()) {
            body.put("extensions", Map.of("validationErrors", OpenMeterValidationErrors.of(e.fieldErrors())));
        }
        return body;
    }

    private static Map<String, Object> phpTenant(HttpRequest<?> request, ApiError e) {
        Map<String, Object> body = new LinkedHashMap<>();
        String path = request.getPath();
        if (e.status() == HttpStatus.NOT_FOUND && path.startsWith("/api/v1/entitlements/check")) {
            body.put("allowed", false); // checkEntitlement's own 404: a refusal that still names the feature
            body.put("reason", e.message());
            body.put("feature_code", request.getParameters().get("feature"));
            return body;
        }
        if (e.status() == HttpStatus.NOT_FOUND && (path.startsWith("/api/provisioning/") || path.startsWith("/api/v1/entitlements/usage"))) {
            body.put("success", false); // the provisioning and usage routes' ErrorResponse
            body.put("error", e.message());
            return body;
        }
        if (e.status() == HttpStatus.UNAUTHORIZED) {
            body.put("error", "Unauthenticated"); // the document's 401 body is {"error": ...} and nothing else
            return body;
        }
        if (e.isValidation() && "invalid_webhook_url".equals(e.code())) {
            // the entitlement webhooks' SSRF refusal: {"message", "error": "invalid_webhook_url"}, and the reason where
            // the document has a key for it (testWebhook); elsewhere the reason is the message
            String reason = e.fieldErrors().isEmpty() ? e.message() : e.fieldErrors().get(0).message();
            boolean test = path.endsWith("/test");
            body.put("message", test ? "The webhook URL is not allowed." : "The webhook URL is not allowed: " + reason);
            body.put("error", e.code());
            if (test) {
                body.put("reason", reason);
            }
            return body;
        }
        if (e.isValidation() && path.matches("/api/entitlement-webhooks/.+/(test|retry)")) {
            // testWebhook's and retryDelivery's documented 422s have no "errors" key: any validation failure there (a
            // successful delivery retried, a NUL in the path or a query parameter) is a message alone
            body.put("message", e.message());
            return body;
        }
        if (e.isValidation() && request.getMethod() == io.micronaut.http.HttpMethod.DELETE && path.matches("/api/workspaces/[^/]+")) {
            // deleteWorkspace documents its 422 as {"error":"cannot_delete","message":...}; every other 422 is
            // Laravel's {"message", "errors"}
            body.put("error", e.code());
            body.put("message", e.message());
            return body;
        }
        body.put("message", e.message());
        if (e.isValidation()) {
            body.put("errors", fieldMap(e.fieldErrors()));
        }
        return body;
    }

    /**
     * Laravel-style {@code {"field": ["The field message."]}}; request-level problems go under "request". A message
     * that is not already a sentence about its field ("is required") becomes one ("The product code field is required.").
     */
    private static Map<String, List<String>> fieldMap(List<FieldError> errors) {
        Map<String, List<String>> map = new LinkedHashMap<>();
        for (FieldError error : errors) {
            String key = error.field() == null ? "request" : error.field();
            String message = error.field() == null || error.message().startsWith("The ") ? error.message()
                    : "The " + key.replace('_', ' ').replace('/', ' ') + " field " + error.message() + (error.message().endsWith(".") ? "" : ".");
            map.computeIfAbsent(key, k -> new java.util.ArrayList<>()).add(message);
        }
        return map;
    }
}
