package dev.tollgate.tenancy.domain;

/** How customers are listed: partial, case-insensitive matches (null = no filter), order and direction. */
public record CustomerFilter(boolean includeDeleted, String key, String name, String primaryEmail, String subject, String orderBy,
                             boolean descending) {
}
