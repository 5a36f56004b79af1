package dev.tollgate.tenancy.adapters.out.persistence;

import dev.tollgate.platform.persistence.UniqueViolations;
import dev.tollgate.platform.domain.ConflictException;
import dev.tollgate.platform.persistence.Rows;
import dev.tollgate.tenancy.application.port.out.UserStore;
import dev.tollgate.tenancy.domain.User;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

@Singleton
class JdbcUserStore implements UserStore {
    private final UserRowRepository rows;
    private final Clock clock;

    JdbcUserStore(UserRowRepository rows, Clock clock) {
        this.rows = rows;
        this.clock = clock;
    }

    @Override
    public void save(User u) {
        UserRow row = new UserRow(u.id(), u.publicId(), u.email(), u.name(), u.passwordHash(), u.currentOrganizationId(),
                u.createdAt(), clock.instant());
        UniqueViolations.translate(() -> Rows.upsert(rows, u.id(), row),
                () -> new ConflictException("email_taken", "An account with email '" + u.email() + "' already exists"));
    }

    @Override
    public Optional<User> findById(UUID id) {
        return rows.findById(id).map(JdbcUserStore::toDomain);
    }

    @Override
    public Optional<User> findByEmail(String normalizedEmail) {
        return rows.findByEmail(normalizedEmail).map(JdbcUserStore::toDomain);
    }

    @Override
    public long count() {
        return rows.count();
    }

    private static User toDomain(UserRow r) {
        return new User(r.id(), r.publicId(), r.email(), r.name(), r.passwordHash(), r.currentOrganizationId(), r.createdAt());
    }
}
