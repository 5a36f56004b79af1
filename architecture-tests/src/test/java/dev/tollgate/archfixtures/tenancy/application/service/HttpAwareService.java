package dev.tollgate.archfixtures.tenancy.application.service;

import io.micronaut.http.HttpResponse;

/** Violates 5b: a use case speaks HTTP. */
class HttpAwareService {
    HttpResponse<String> answer() {
        return HttpResponse.ok("x");
    }
}
