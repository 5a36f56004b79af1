package dev.tollgate.tenancy.adapters.in.http.planetscale;

import dev.tollgate.tenancy.application.port.in.ManageMembersUseCase.Member;
import dev.tollgate.tenancy.application.port.in.ManageTeamsUseCase.TeamView;
import dev.tollgate.tenancy.domain.Organization;
import dev.tollgate.tenancy.domain.Role;
import dev.tollgate.tenancy.domain.ServiceToken;
import dev.tollgate.tenancy.domain.ServiceTokenAccess;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;

/** PlanetScale's response shapes, as the document names their fields. */
final class PlanetScaleViews {
    private PlanetScaleViews() {
    }

    @Serdeable
    record DataList<T>(List<T> data) {
    }

    @Serdeable
    record OrganizationView(String id, String name, String display_name, Instant created_at, Instant updated_at, String plan,
                            @Nullable String billing_email) {
        static OrganizationView of(Organization o) {
            return new OrganizationView(o.publicId(), o.slug().value(), o.name(), o.createdAt(), o.updatedAt(), o.plan(), o.billingEmail());
        }
    }

    @Serdeable
    record MemberView(String id, String name, String email, String role, Instant created_at) {
        static MemberView of(Member m) {
            // PlanetScale has no owner role: the owner shows as the admin they also are.
            Role role = m.membership().role() == Role.OWNER ? Role.ADMIN : m.membership().role();
            return new MemberView(m.membership().publicId(), m.user().name(), m.user().email(), role.wireName(), m.membership().createdAt());
        }
    }

    @Serdeable
    record TeamResponse(String id, String name, String slug, @Nullable String description, int members_count, Instant created_at,
                        Instant updated_at) {
        static TeamResponse of(TeamView v) {
            var t = v.team();
            return new TeamResponse(t.publicId(), t.name(), t.slug(), t.description(), v.membersCount(), t.createdAt(), t.updatedAt());
        }
    }

    @Serdeable
    record ServiceTokenView(String id, String name, Instant created_at) {
        static ServiceTokenView of(ServiceToken t) {
            return new ServiceTokenView(t.publicId(), t.name(), t.createdAt());
        }
    }

    @Serdeable
    record ServiceTokenWithPlaintext(String id, String name, Instant created_at, String token) {
    }

    @Serdeable
    record AccessView(String id, String access, @Nullable String database, Instant created_at) {
        static AccessView of(ServiceTokenAccess a) {
            return new AccessView(a.publicId(), a.access(), a.database(), a.createdAt());
        }
    }
}
