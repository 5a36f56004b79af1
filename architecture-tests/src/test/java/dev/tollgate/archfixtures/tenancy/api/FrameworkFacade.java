package dev.tollgate.archfixtures.tenancy.api;

import io.micronaut.http.HttpResponse;

/** Violates 4: the published api exposes a framework type. */
public interface FrameworkFacade {
    HttpResponse<String> organization(String id);
}
