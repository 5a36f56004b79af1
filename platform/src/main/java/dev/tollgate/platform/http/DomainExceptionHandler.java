package dev.tollgate.platform.http;

import dev.tollgate.platform.domain.DomainException;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import jakarta.inject.Singleton;

/** Routes every {@link DomainException} to the dialect renderer; status follows from the exception type. */
@Produces
@Singleton
@Requires(classes = {DomainException.class, ExceptionHandler.class})
final class DomainExceptionHandler implements ExceptionHandler<DomainException, HttpResponse<?>> {
    private final DialectErrorResponseProcessor processor;

    DomainExceptionHandler(DialectErrorResponseProcessor processor) {
        this.processor = processor;
    }

    @Override
    public HttpResponse<?> handle(HttpRequest request, DomainException exception) {
        return processor.processResponse(ErrorContext.builder(request).cause(exception).build(),
                HttpResponse.status(ApiError.of(exception).status()));
    }
}
