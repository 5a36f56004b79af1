package dev.tollgate.catalog.application.port.out;

/** Whether a text is a JSON object: a static entitlement's configuration must be one. */
public interface JsonSyntax {
    boolean isObject(String text);
}
