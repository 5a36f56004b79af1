package dev.tollgate.tenancy.application.port.out;

import dev.tollgate.tenancy.domain.ServiceToken;
import dev.tollgate.tenancy.domain.ServiceTokenAccess;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

public interface ServiceTokenStore {
    void save(ServiceToken token);

    Optional<ServiceToken> findByPublicId(String publicId);

    List<ServiceToken> list(UUID organizationId);

    void delete(UUID tokenId);

    void saveAccess(ServiceTokenAccess access);

    List<ServiceTokenAccess> accesses(UUID tokenId);
}
