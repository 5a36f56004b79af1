package dev.tollgate.platform.domain;

/** One invalid input field: its name as the client sent it, and what is wrong with it. */
public record FieldError(String field, String message) {
}
