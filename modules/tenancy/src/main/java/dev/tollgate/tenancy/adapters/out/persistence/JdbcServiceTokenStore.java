package dev.tollgate.tenancy.adapters.out.persistence;

import dev.tollgate.tenancy.application.port.out.ServiceTokenStore;
import dev.tollgate.tenancy.domain.ServiceToken;
import dev.tollgate.tenancy.domain.ServiceTokenAccess;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@Singleton
class JdbcServiceTokenStore implements ServiceTokenStore {
    private final ServiceTokenRowRepository tokens;
    private final ServiceTokenAccessRowRepository accesses;

    JdbcServiceTokenStore(ServiceTokenRowRepository tokens, ServiceTokenAccessRowRepository accesses) {
        this.tokens = tokens;
        this.accesses = accesses;
    }

    @Override
    public void save(ServiceToken t) {
        tokens.save(new ServiceTokenRow(t.id(), t.publicId(), t.organizationId(), t.name(), t.secretHash(), t.createdAt(), t.lastUsedAt()));
    }

    @Override
    public Optional<ServiceToken> findByPublicId(String publicId) {
        return tokens.findByPublicId(publicId).map(JdbcServiceTokenStore::toDomain);
    }

    @Override
    public List<ServiceToken> list(UUID organizationId) {
        return tokens.findByOrganizationIdOrderByCreatedAt(organizationId).stream().map(JdbcServiceTokenStore::toDomain).toList();
    }

    @Override
    public void delete(UUID tokenId) {
        tokens.deleteById(tokenId);
    }

    @Override
    public void saveAccess(ServiceTokenAccess a) {
        accesses.save(new ServiceTokenAccessRow(a.id(), a.publicId(), a.serviceTokenId(), a.access(), a.database(), a.createdAt()));
    }

    @Override
    public List<ServiceTokenAccess> accesses(UUID tokenId) {
        return accesses.findByServiceTokenIdOrderByCreatedAt(tokenId).stream()
                .map(r -> new ServiceTokenAccess(r.id(), r.publicId(), r.serviceTokenId(), r.access(), r.databaseName(), r.createdAt()))
                .toList();
    }

    private static ServiceToken toDomain(ServiceTokenRow r) {
        return new ServiceToken(r.id(), r.publicId(), r.organizationId(), r.name(), r.secretHash(), r.createdAt(), r.lastUsedAt());
    }
}
