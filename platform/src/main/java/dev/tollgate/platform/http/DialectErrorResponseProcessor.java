package dev.tollgate.platform.http;

import dev.tollgate.platform.domain.DomainException;
import dev.tollgate.platform.domain.FieldError;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.core.convert.exceptions.ConversionErrorException;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;

/**
 * Replaces Micronaut's default error body so that every error — ours, a bean-validation failure, unreadable
 * JSON, an unknown route, a body over the size limit — leaves in the dialect's documented shape.
 */
@Singleton
@Replaces(ErrorResponseProcessor.class)
final class DialectErrorResponseProcessor implements ErrorResponseProcessor<Object> {

    @Override
    @SuppressWarnings("unchecked")
    public MutableHttpResponse<Object> processResponse(ErrorContext context, MutableHttpResponse<?> response) {
        Throwable cause = context.getRootCause().orElse(null);
        if (response.status() == HttpStatus.INTERNAL_SERVER_ERROR && isStatementTimeout(cause)) {
            // The control plane's statement_timeout cut a request short: the caller asked for too much at once.
            response.status(HttpStatus.SERVICE_UNAVAILABLE);
            ApiError timeout = ApiError.ofStatus(HttpStatus.SERVICE_UNAVAILABLE,
                    "The request took longer than the database allows; narrow it (a shorter period, fewer groups) and try again", List.of());
            return (MutableHttpResponse<Object>) DialectErrorRenderer.render(context.getRequest(), timeout, response);
        }
        ApiError error = cause instanceof DomainException domain
                ? ApiError.of(domain)
                : ApiError.ofStatus(response.status(), message(context, response.status()), fieldErrors(context, response.status()));
        return (MutableHttpResponse<Object>) DialectErrorRenderer.render(context.getRequest(), error, response);
    }

    /** PostgreSQL's query_canceled, which a statement_timeout raises. */
    private static boolean isStatementTimeout(Throwable cause) {
        return cause instanceof java.sql.SQLException sql && "57014".equals(sql.getSQLState());
    }

    private static String message(ErrorContext context, HttpStatus status) {
        if (status == HttpStatus.INTERNAL_SERVER_ERROR) {
            // Never leak internals; the request id in logs and headers ties the report to the stack trace.
            return "Internal server error";
        }
        if (context.getRootCause().orElse(null) instanceof ConversionErrorException conversion) {
            return "Invalid value for '" + conversion.getArgument().getName() + "': " + conversion.getConversionError().getCause().getMessage();
        }
        List<String> messages = context.getErrors().stream().map(Error::getMessage).toList();
        return messages.isEmpty() ? status.getReason() : String.join("; ", messages);
    }

    private static List<FieldError> fieldErrors(ErrorContext context, HttpStatus status) {
        if (status != HttpStatus.BAD_REQUEST && status != HttpStatus.UNPROCESSABLE_ENTITY) {
            return List.of();
        }
        List<FieldError> fields = new ArrayList<>();
        for (Error error : context.getErrors()) {
            fields.add(new FieldError(error.getPath().map(DialectErrorResponseProcessor::lastSegment).orElse(null), error.getMessage()));
        }
        if (fields.isEmpty()) {
            fields.add(new FieldError(null, message(context, status)));
        }
        return fields;
    }

    /** Framework paths look like {@code create.body.name} or {@code /workspace}; clients only know the last part. */
    private static String lastSegment(String path) {
        int cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('/'));
        return cut < 0 ? path : path.substring(cut + 1);
    }
}
