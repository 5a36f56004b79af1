package dev.tollgate.archfixtures.tenancy.application.service;

import io.micronaut.data.model.Pageable;

/** Violates 5b: a use case uses Micronaut Data instead of platform.domain.PageRequest. */
class DataAwareService {
    Pageable page;
}
