package dev.tollgate.entitlements.application.service;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.tollgate.tenancy.api.AccountsApi;
import dev.tollgate.tenancy.api.AccountsApi.Workspace;
import dev.tollgate.tenancy.api.Caller;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * Which workspace a cross-app call about a person (by email) is about: for a partner, the person's current workspace;
 * for anyone else, the caller's own organization if the person is a member. Remembered for {@link #FRESHNESS}, so a
 * check costs no query; a switch of workspace or a removed membership takes effect within that time.
 */
@Singleton
class PersonWorkspaces {
    static final Duration FRESHNESS = Duration.ofSeconds(10);
    private final AccountsApi accounts;
    private final Cache<String, Workspace> known = Caffeine.newBuilder().maximumSize(100_000).expireAfterWrite(FRESHNESS).build();

    PersonWorkspaces(AccountsApi accounts) {
        this.accounts = accounts;
    }

    Optional<Workspace> find(Caller caller, boolean partner, String email) {
        String key = (partner ? "*" : caller.organizationId().toString()) + "|" + email.strip().toLowerCase(Locale.ROOT);
        Workspace workspace = known.getIfPresent(key);
        if (workspace != null) {
            return Optional.of(workspace);
        }
        Optional<Workspace> found = partner ? accounts.currentWorkspaceOf(email) : accounts.workspaceOfMember(caller.organizationId(), email);
        found.ifPresent(w -> known.put(key, w));
        return found;
    }
}
