package dev.tollgate.proxy.domain;

/** Lifecycle of a project: only active projects accept proxy connections. */
public enum ProjectStatus {
    ACTIVE, SUSPENDED, DELETED;

    public String wireName() {
        return WireEnums.wire(this);
    }

    public static ProjectStatus parse(String field, String text) {
        return WireEnums.parse(ProjectStatus.class, field, text);
    }
}
