package dev.tollgate.archfixtures.tenancy.application.service;

import io.micronaut.http.annotation.Controller;

/** Violates 9a: a controller outside adapters.in.http. */
@Controller("/fixtures/sneaky")
class SneakyController {
}
