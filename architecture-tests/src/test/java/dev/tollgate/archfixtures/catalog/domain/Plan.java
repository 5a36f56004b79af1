package dev.tollgate.archfixtures.catalog.domain;

/** Allowed: catalog's own domain. */
public record Plan(String id) {
}
