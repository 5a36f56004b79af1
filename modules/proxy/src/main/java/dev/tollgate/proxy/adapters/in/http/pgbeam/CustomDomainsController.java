package dev.tollgate.proxy.adapters.in.http.pgbeam;

import dev.tollgate.platform.domain.Page;
import dev.tollgate.platform.http.Paging;
import dev.tollgate.proxy.application.port.in.ManageCustomDomainsUseCase;
import dev.tollgate.proxy.application.port.in.ManageCustomDomainsUseCase.Registered;
import dev.tollgate.proxy.application.port.in.ManageCustomDomainsUseCase.Verification;
import dev.tollgate.proxy.domain.CustomDomain;
import dev.tollgate.tenancy.api.Caller;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;

/** PgBeam's custom domains: hostnames a project's clients connect with, proven by a DNS TXT record. */
@Controller("/v1/projects/{project_id}/domains")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "PgBeam: custom domains")
final class CustomDomainsController {
    private final ManageCustomDomainsUseCase domains;

    CustomDomainsController(ManageCustomDomainsUseCase domains) {
        this.domains = domains;
    }

    @Serdeable
    record CreateCustomDomainBody(@Nullable String domain) {
    }

    @Serdeable
    record DnsInstructions(String cname_host, String cname_target, String txt_host, String txt_value, String acme_cname_host,
                           String acme_cname_target) {
    }

    @Serdeable
    record CustomDomainResponse(String id, String project_id, String domain, boolean verified, String dns_verification_token,
                                DnsInstructions dns_instructions, @Nullable Instant verified_at, @Nullable Instant tls_cert_expiry,
                                Instant created_at, Instant updated_at) {
        static CustomDomainResponse of(Registered r) {
            CustomDomain d = r.domain();
            return new CustomDomainResponse(d.publicId(), r.projectId(), d.domain(), d.verified(), d.verificationToken(),
                    new DnsInstructions(d.domain(), r.projectHost(), d.txtHost(), d.txtValue(), "_acme-challenge." + d.domain(),
                            "_acme-challenge." + r.projectHost()),
                    d.verifiedAt(), d.tlsCertExpiry(), d.createdAt(), d.updatedAt());
        }
    }

    @Serdeable
    record ListCustomDomainsResponse(List<CustomDomainResponse> domains, @Nullable String next_page_token) {
    }

    @Serdeable
    record VerifyCustomDomainResponse(boolean verified, CustomDomainResponse domain, @Nullable String error) {
    }

    @Get
    @Operation(operationId = "ListCustomDomains", summary = "List custom domains")
    ListCustomDomainsResponse list(Caller caller, String project_id, @Nullable @QueryValue("page_size") Integer pageSize,
                                   @Nullable @QueryValue("page_token") String pageToken) {
        Page<Registered> page = domains.list(caller, project_id, Paging.pgbeam(pageToken, pageSize));
        return new ListCustomDomainsResponse(page.items().stream().map(CustomDomainResponse::of).toList(), Paging.nextPageToken(page));
    }

    @Post
    @Operation(operationId = "CreateCustomDomain", summary = "Add a custom domain")
    HttpResponse<CustomDomainResponse> create(Caller caller, String project_id, @Body CreateCustomDomainBody body) {
        return HttpResponse.created(CustomDomainResponse.of(domains.create(caller, project_id, body.domain())));
    }

    @Delete("/{domain_id}")
    @Operation(operationId = "DeleteCustomDomain", summary = "Delete a custom domain")
    HttpResponse<Void> delete(Caller caller, String project_id, String domain_id) {
        domains.delete(caller, project_id, domain_id);
        return HttpResponse.noContent();
    }

    @Post("/{domain_id}/verify")
    @Operation(operationId = "VerifyCustomDomain", summary = "Verify custom domain DNS")
    VerifyCustomDomainResponse verify(Caller caller, String project_id, String domain_id) {
        Verification v = domains.verify(caller, project_id, domain_id);
        return new VerifyCustomDomainResponse(v.verified(), CustomDomainResponse.of(v.domain()), v.error());
    }
}
