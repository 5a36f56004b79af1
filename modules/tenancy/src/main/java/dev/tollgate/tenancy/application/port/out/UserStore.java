package dev.tollgate.tenancy.application.port.out;

import dev.tollgate.tenancy.domain.User;
import java.util.Optional;
import java.util.UUID;

public interface UserStore {
    /** Inserts or updates; an email already registered raises a conflict. */
    void save(User user);

    Optional<User> findById(UUID id);

    Optional<User> findByEmail(String normalizedEmail);

    long count();
}
