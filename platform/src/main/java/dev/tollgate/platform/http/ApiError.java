package dev.tollgate.platform.http;

import dev.tollgate.platform.domain.DomainException;
import dev.tollgate.platform.domain.FieldError;
import dev.tollgate.platform.domain.ForbiddenException;
import dev.tollgate.platform.domain.ConflictException;
import dev.tollgate.platform.domain.NotFoundException;
import dev.tollgate.platform.domain.RateLimitedException;
import dev.tollgate.platform.domain.UnauthenticatedException;
import dev.tollgate.platform.domain.UnavailableException;
import dev.tollgate.platform.domain.ValidationException;
import io.micronaut.http.HttpStatus;
import java.util.List;

/** An error on its way to the client, before a dialect gives it a shape. */
record ApiError(HttpStatus status, String code, String message, List<FieldError> fieldErrors, Long retryAfterSeconds) {

    static ApiError of(DomainException e) {
        HttpStatus status;
        if (e instanceof NotFoundException) {
            status = HttpStatus.NOT_FOUND;
        } else if (e instanceof ConflictException) {
            status = HttpStatus.CONFLICT;
        } else if (e instanceof ValidationException) {
            status = HttpStatus.BAD_REQUEST;
        } else if (e instanceof ForbiddenException) {
            status = HttpStatus.FORBIDDEN;
        } else if (e instanceof RateLimitedException) {
            status = HttpStatus.TOO_MANY_REQUESTS;
        } else if (e instanceof UnavailableException) {
            status = HttpStatus.SERVICE_UNAVAILABLE;
        } else {
            status = HttpStatus.UNAUTHORIZED;
        }
        List<FieldError> fields = e instanceof ValidationException v ? v.errors() : List.of();
        Long retry = e instanceof RateLimitedException r ? r.retryAfterSeconds() : null;
        return new ApiError(status, e.code(), e.getMessage(), fields, retry);
    }

    /** Errors raised by the framework itself (unknown route, unreadable JSON, body too large, ...). */
    static ApiError ofStatus(HttpStatus status, String message, List<FieldError> fieldErrors) {
        String code = fieldErrors.isEmpty() ? codeFor(status) : "validation_failed";
        return new ApiError(status, code, message, fieldErrors, null);
    }

    ApiError withStatus(HttpStatus newStatus) {
        return new ApiError(newStatus, code, message, fieldErrors, retryAfterSeconds);
    }

    boolean isValidation() {
        return !fieldErrors.isEmpty();
    }

    private static String codeFor(HttpStatus status) {
        return switch (status) {
            case BAD_REQUEST -> "bad_request";
            case UNAUTHORIZED -> "unauthorized";
            case FORBIDDEN -> "forbidden";
            case NOT_FOUND -> "not_found";
            case METHOD_NOT_ALLOWED -> "method_not_allowed";
            case CONFLICT -> "conflict";
            case REQUEST_ENTITY_TOO_LARGE -> "payload_too_large";
            case UNSUPPORTED_MEDIA_TYPE -> "unsupported_media_type";
            case UNPROCESSABLE_ENTITY -> "validation_failed";
            case TOO_MANY_REQUESTS -> "rate_limited";
            default -> status.getCode() >= 500 ? "internal_error" : "error";
        };
    }
}
