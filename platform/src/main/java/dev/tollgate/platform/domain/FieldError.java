package dev.tollgate.platform.domain;

/**
 * One invalid input field: its name as the client sent it, what is wrong with it, and, where a dialect documents
 * machine codes for such problems (OpenMeter's catalog), that code; otherwise null.
 */
public record FieldError(String field, String message, String code) {
    public FieldError(String field, String message) {
        this(field, message, null);
    }
}
