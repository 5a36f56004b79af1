package dev.tollgate.entitlements.application.service;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.tollgate.tenancy.api.AccountsApi;
import dev.tollgate.tenancy.api.AccountsApi.Workspace;
import dev.tollgate.tenancy.api.Caller;
import dev.tollgate.entitlements.application.port.out.PackageStore;
import dev.tollgate.entitlements.domain.PackageStatus;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * Which workspace a cross-app call about a person (by email) is about: for a partner, the person's current workspace
 * if it holds an uncancelled package of that partner (the operator: any); for anyone else, the caller's own organization if the
 * person is a member. Remembered for {@link #FRESHNESS}, so a check costs no query; a switch of workspace, a removed
 * membership or a package provisioned or cancelled takes effect within that time.
 */
@Singleton
class PersonWorkspaces {
    static final Duration FRESHNESS = Duration.ofSeconds(10);
    private final AccountsApi accounts;
    private final PackageStore packages;
    private final Cache<String, Workspace> known = Caffeine.newBuilder().maximumSize(100_000).expireAfterWrite(FRESHNESS).build();

    PersonWorkspaces(AccountsApi accounts, PackageStore packages) {
        this.accounts = accounts;
        this.packages = packages;
    }

    Optional<Workspace> find(Caller caller, boolean partner, String email) {
        String key = caller.organizationId() + (partner ? "|partner|" : "|member|") + email.strip().toLowerCase(Locale.ROOT);
        Workspace workspace = known.getIfPresent(key);
        if (workspace != null) {
            return Optional.of(workspace);
        }
        Optional<Workspace> found = load(caller, partner, email);
        found.ifPresent(w -> known.put(key, w));
        return found;
    }

    @Transactional(readOnly = true)
    protected Optional<Workspace> load(Caller caller, boolean partner, String email) {
        if (!partner) {
            return accounts.workspaceOfMember(caller.organizationId(), email);
        }
        return accounts.currentWorkspaceOf(email).filter(w -> caller.kind() == Caller.Kind.OPERATOR
                || packages.ofOrganization(w.id()).stream().anyMatch(p -> p.partnerId().equals(caller.organizationId())
                && p.status() != PackageStatus.CANCELLED));
    }

    /** Forgets every answer that named the workspace: its packages (and so who may reach it) changed. */
    void forgetWorkspace(String organizationPublicId) {
        known.asMap().values().removeIf(w -> w.publicId().equals(organizationPublicId));
    }
}
