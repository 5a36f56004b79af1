package dev.tollgate.proxy.application.port.in;

import dev.tollgate.platform.domain.Page;
import dev.tollgate.platform.domain.PageRequest;
import dev.tollgate.proxy.domain.CustomDomain;
import dev.tollgate.tenancy.api.Caller;

/**
 * PgBeam's custom domains of a project. Creating and verifying one needs the {@code custom_domains} feature in the
 * organization's tier (Scale and Enterprise); listing and deleting do not, so a downgraded organization can still see
 * and remove what it has.
 */
public interface ManageCustomDomainsUseCase {
    Page<Registered> list(Caller caller, String projectId, PageRequest page);

    Registered create(Caller caller, String projectId, String domain);

    void delete(Caller caller, String projectId, String domainId);

    /** Looks up the TXT record; a domain not (yet) proven is an answer ({@code verified=false} with the reason), not an error. */
    Verification verify(Caller caller, String projectId, String domainId);

    /** A domain with the project host its CNAME records point to. */
    record Registered(CustomDomain domain, String projectId, String projectHost) {
    }

    record Verification(Registered domain, boolean verified, String error) {
    }
}
