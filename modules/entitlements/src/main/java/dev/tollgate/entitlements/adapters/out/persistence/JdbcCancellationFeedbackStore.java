package dev.tollgate.entitlements.adapters.out.persistence;

import dev.tollgate.entitlements.application.port.out.CancellationFeedbackStore;
import jakarta.inject.Singleton;

@Singleton
final class JdbcCancellationFeedbackStore implements CancellationFeedbackStore {
    private final CancellationFeedbackRowRepository rows;

    JdbcCancellationFeedbackStore(CancellationFeedbackRowRepository rows) {
        this.rows = rows;
    }

    @Override
    public void add(Feedback f) {
        rows.save(new CancellationFeedbackRow(f.id(), f.organizationId(), f.userId(), f.credentialId(), f.reason(), f.feedback(), f.createdAt()));
    }
}
