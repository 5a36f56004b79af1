package dev.tollgate.proxy.application.service;

import dev.tollgate.platform.domain.Page;
import dev.tollgate.platform.domain.PageRequest;
import dev.tollgate.platform.domain.TypeId;
import dev.tollgate.platform.domain.ValidationException;
import dev.tollgate.proxy.application.port.in.ManageBranchLoginsUseCase;
import dev.tollgate.proxy.application.port.out.BranchLoginStore;
import dev.tollgate.proxy.application.port.out.ProxySettings;
import dev.tollgate.proxy.application.port.out.SecretSealer;
import dev.tollgate.proxy.domain.AccessRole;
import dev.tollgate.proxy.domain.Branch;
import dev.tollgate.proxy.domain.BranchLogin;
import dev.tollgate.proxy.domain.BranchLogin.Kind;
import dev.tollgate.tenancy.api.AuditTrail;
import dev.tollgate.tenancy.api.Caller;
import dev.tollgate.tenancy.api.TenancyApi.Capability;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/**
 * Passwords and role credentials (ADR 0056). The row (with the password sealed) commits first; then the role is created
 * on the data cluster. The proxy admits the user name and password as soon as the row exists and the role is created;
 * an expired password is refused by the proxy and by PostgreSQL ({@code VALID UNTIL}).
 */
@Singleton
class BranchLoginService implements ManageBranchLoginsUseCase {
    private final ManagedLookup lookup;
    private final BranchLoginStore logins;
    private final SecretSealer sealer;
    private final ProxySettings settings;
    private final BranchProvisioning provisioning;
    private final TransactionOperations<Connection> transactions;
    private final Clock clock;

    private final AuditTrail audit;

    BranchLoginService(ManagedLookup lookup, BranchLoginStore logins, SecretSealer sealer, ProxySettings settings,
                       BranchProvisioning provisioning, TransactionOperations<Connection> transactions, Clock clock, AuditTrail audit) {
        this.audit = audit;
        this.lookup = lookup;
        this.logins = logins;
        this.sealer = sealer;
        this.settings = settings;
        this.provisioning = provisioning;
        this.transactions = transactions;
        this.clock = clock;
    }

    private record Located(ManagedLookup.Target target, Branch branch) {
    }

    private Located locate(Caller caller, String organization, String database, String branch, Capability capability) {
        ManagedLookup.Target target = lookup.database(caller, organization, database, capability);
        return new Located(target, lookup.branch(target, branch));
    }

    @Override
    public Page<LoginView> listPasswords(Caller caller, String organization, String database, String branch, PageRequest page) {
        return transactions.executeRead(status -> {
            Located at = locate(caller, organization, database, branch, Capability.READ_PROJECTS);
            return logins.list(at.branch().id(), Kind.PASSWORD, page).map(l -> view(l, at));
        });
    }

    @Override
    public Created createPassword(Caller caller, String organization, String database, String branch, String name, String role,
                                  Double ttlMinutes) {
        return create(caller, organization, database, branch, Kind.PASSWORD, () -> {
            long ttl = BranchLogin.ttlSeconds(ttlMinutes);
            return new Asked(BranchLogin.checkName(name), access(role), ttl);
        });
    }

    @Override
    public Created createRole(Caller caller, String organization, String database, String branch, String name, String role) {
        return create(caller, organization, database, branch, Kind.ROLE, () -> {
            if (name == null || name.isBlank()) {
                throw new ValidationException("name", "is required");
            }
            if (role == null) {
                throw new ValidationException("role", "is required");
            }
            return new Asked(BranchLogin.checkName(name), access(role), 0);
        });
    }

    /** What the request asks for, checked only once the path named something the caller may see (404 before 422). */
    private record Asked(String name, AccessRole access, long ttlSeconds) {
    }

    private static AccessRole access(String role) {
        return role == null ? AccessRole.ADMIN : AccessRole.ofWire(role)
                .orElseThrow(() -> new ValidationException("role", "must be one of admin, reader, writer, readwriter"));
    }

    private Created create(Caller caller, String organization, String database, String branch, Kind kind,
                           java.util.function.Supplier<Asked> request) {
        String plainText = BranchLogin.newPassword();
        record Recorded(BranchLogin login, Located at) {
        }
        Recorded recorded = transactions.executeWrite(status -> {
            Located at = locate(caller, organization, database, branch, Capability.MANAGE_PROJECTS);
            Asked asked = request.get();
            UUID id = TypeId.newUuid();
            BranchLogin login = BranchLogin.create(at.branch().id(), kind, asked.name(), asked.access(),
                    sealer.seal(plainText, BranchLogin.passwordContext(id)), id, asked.ttlSeconds(), clock.instant());
            logins.save(login);
            String what = kind == Kind.PASSWORD ? "password" : "role";
            audit.record(caller, at.target().project().organizationId(), AuditTrail.Change.created(what, login.publicId(),
                    "A " + asked.access().wire() + " " + what + " '" + login.username() + "' created on branch '" + at.branch().name()
                            + "' of database '" + at.target().database().name() + "'", ProxyAuditFields.of(login)));
            return new Recorded(login, at);
        });
        provisioning.settle(recorded.login(), recorded.at().branch());
        BranchLogin current = transactions.executeRead(status -> logins.findById(recorded.login().id()).orElse(recorded.login()));
        return new Created(view(current, recorded.at()), plainText);
    }

    @Override
    public LoginView getPassword(Caller caller, String organization, String database, String branch, String passwordId) {
        return transactions.executeRead(status -> {
            Located at = locate(caller, organization, database, branch, Capability.READ_PROJECTS);
            return view(lookup.login(at.branch(), Kind.PASSWORD, passwordId), at);
        });
    }

    @Override
    public void deletePassword(Caller caller, String organization, String database, String branch, String passwordId) {
        Located[] at = {null};
        BranchLogin deleted = transactions.executeWrite(status -> {
            at[0] = locate(caller, organization, database, branch, Capability.MANAGE_PROJECTS);
            BranchLogin login = lookup.login(at[0].branch(), Kind.PASSWORD, passwordId).deleted(clock.instant());
            logins.save(login);
            audit.record(caller, at[0].target().project().organizationId(), AuditTrail.Change.deleted("password", login.publicId(),
                    "Password '" + login.username() + "' deleted from branch '" + at[0].branch().name() + "'", ProxyAuditFields.of(login)));
            return login;
        });
        provisioning.settle(deleted, at[0].branch());
    }

    @Override
    public LoginView renewPassword(Caller caller, String organization, String database, String branch, String passwordId) {
        Located[] at = {null};
        BranchLogin renewed = transactions.executeWrite(status -> {
            at[0] = locate(caller, organization, database, branch, Capability.MANAGE_PROJECTS);
            Instant now = clock.instant();
            // Owed to the cluster again: settling a login (re)applies its expiry to the role.
            BranchLogin current = lookup.login(at[0].branch(), Kind.PASSWORD, passwordId);
            BranchLogin login = current.renewed(now);
            logins.save(login);
            audit.record(caller, at[0].target().project().organizationId(), AuditTrail.Change.updated("password", login.publicId(),
                    "Password '" + login.username() + "' renewed until " + login.expiresAt(), ProxyAuditFields.of(current),
                    ProxyAuditFields.of(login)));
            return login;
        });
        provisioning.settle(renewed, at[0].branch());
        return view(renewed, at[0]);
    }

    private LoginView view(BranchLogin login, Located at) {
        return new LoginView(login, at.branch(), at.target().project().proxyHost(), settings.proxyPort(),
                lookup.region(at.target().database().region()));
    }
}
