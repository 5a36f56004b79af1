package dev.tollgate.billing.adapters.in.http.openmeter;

import dev.tollgate.billing.domain.subscription.SubscriptionConflictException;
import dev.tollgate.platform.http.OpenMeterValidationErrors;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * OpenMeter's SubscriptionConflictErrorResponse: a 409 problem that, unlike the platform's conflicts, names the field
 * and the rule in {@code extensions.validationErrors}. Only the OpenMeter routes raise it.
 */
@Produces
@Singleton
final class SubscriptionConflictHandler implements ExceptionHandler<SubscriptionConflictException, HttpResponse<?>> {
    private static final MediaType PROBLEM_JSON = MediaType.of("application/problem+json");

    @Override
    public HttpResponse<?> handle(HttpRequest request, SubscriptionConflictException e) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", HttpStatus.CONFLICT.getReason());
        body.put("status", HttpStatus.CONFLICT.getCode());
        body.put("detail", e.getMessage());
        body.put("instance", request.getPath());
        body.put("extensions", Map.of("validationErrors", OpenMeterValidationErrors.of(e.errors())));
        return HttpResponse.status(HttpStatus.CONFLICT).body(body).contentType(PROBLEM_JSON);
    }
}
