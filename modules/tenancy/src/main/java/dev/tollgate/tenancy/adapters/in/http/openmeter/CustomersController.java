package dev.tollgate.tenancy.adapters.in.http.openmeter;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.tollgate.platform.domain.Page;
import dev.tollgate.platform.domain.ValidationException;
import dev.tollgate.platform.http.Paging;
import dev.tollgate.tenancy.api.Caller;
import dev.tollgate.tenancy.application.port.in.ManageCustomersUseCase;
import dev.tollgate.tenancy.domain.CustomerFilter;
import dev.tollgate.tenancy.domain.Customer;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** OpenMeter's customers: who usage belongs to, by key and subject keys (one subject, one customer). */
@Controller("/api/v1/customers")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "OpenMeter: customers")
final class CustomersController {
    private final ManageCustomersUseCase customers;

    CustomersController(ManageCustomersUseCase customers) {
        this.customers = customers;
    }

    /** subjectKeys is required, also when empty (a customer attributed by its key alone). */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record UsageAttribution(List<String> subjectKeys) {
    }

    @Serdeable
    record AddressBody(@Nullable String country, @Nullable String postalCode, @Nullable String state, @Nullable String city,
                       @Nullable String line1, @Nullable String line2, @Nullable String phoneNumber) {
    }

    @Serdeable
    record CustomerBody(String name, @Nullable String description, @Nullable Map<String, String> metadata, @Nullable String key,
                        @Nullable UsageAttribution usageAttribution, @Nullable String primaryEmail, @Nullable String currency,
                        @Nullable AddressBody billingAddress) {
        Customer.Details details() {
            AddressBody a = billingAddress;
            return new Customer.Details(name, description, metadata, key, usageAttribution == null ? null : usageAttribution.subjectKeys(),
                    primaryEmail, currency, a == null ? null
                    : new Customer.Address(a.country(), a.postalCode(), a.state(), a.city(), a.line1(), a.line2(), a.phoneNumber()));
        }
    }

    @Serdeable
    record CustomerView(String id, String name, String description, Map<String, String> metadata, String key,
                        UsageAttribution usageAttribution, String primaryEmail, String currency, AddressBody billingAddress,
                        Instant createdAt, Instant updatedAt, Instant deletedAt) {
        static CustomerView of(Customer c) {
            Customer.Address a = c.billingAddress();
            return new CustomerView(c.ulid(), c.name(), c.description(), c.metadata(), c.key(), new UsageAttribution(c.subjectKeys()),
                    c.primaryEmail(), c.currency(), a == null ? null
                    : new AddressBody(a.country(), a.postalCode(), a.state(), a.city(), a.line1(), a.line2(), a.phoneNumber()),
                    c.createdAt(), c.updatedAt(), c.deletedAt());
        }
    }

    @Serdeable
    record CustomerPage(long totalCount, int page, int pageSize, List<CustomerView> items) {
    }

    @Post
    @Operation(operationId = "createCustomer", summary = "Create customer")
    HttpResponse<CustomerView> create(Caller caller, @Body CustomerBody body) {
        return HttpResponse.created(CustomerView.of(customers.create(caller, body.details())));
    }

    @Get
    @Operation(operationId = "listCustomers", summary = "List customers")
    CustomerPage list(Caller caller, @Nullable @QueryValue Integer page, @Nullable @QueryValue Integer pageSize,
                      @Nullable @QueryValue String order, @Nullable @QueryValue String orderBy, @Nullable @QueryValue Boolean includeDeleted,
                      @Nullable @QueryValue String key, @Nullable @QueryValue String name, @Nullable @QueryValue String primaryEmail,
                      @Nullable @QueryValue String subject, @Nullable @QueryValue String planKey,
                      @Nullable @QueryValue List<String> expand) {
        requireKnownExpansions(expand);
        boolean descending = Paging.descending(order);
        String by = Paging.orderBy(orderBy, "id", List.of("id", "name", "createdAt"));
        var request = Paging.openmeterPages(page, pageSize);
        if (planKey != null) {
            // Subscriptions come with billing: no customer has a plan yet, so the filter matches nobody.
            return new CustomerPage(0, page == null ? 1 : page, request.limit(), List.of());
        }
        Page<Customer> found = customers.list(caller, new CustomerFilter(Boolean.TRUE.equals(includeDeleted), key, name, primaryEmail,
                subject, by, descending), request);
        return new CustomerPage(found.total(), found.pageNumber(), request.limit(), found.items().stream().map(CustomerView::of).toList());
    }

    @Get("/{customerIdOrKey}")
    @Operation(operationId = "getCustomer", summary = "Get customer")
    CustomerView get(Caller caller, String customerIdOrKey, @Nullable @QueryValue List<String> expand) {
        requireKnownExpansions(expand);
        return CustomerView.of(customers.get(caller, customerIdOrKey));
    }

    @Put("/{customerIdOrKey}")
    @Operation(operationId = "updateCustomer", summary = "Update customer")
    CustomerView update(Caller caller, String customerIdOrKey, @Body CustomerBody body) {
        return CustomerView.of(customers.replace(caller, customerIdOrKey, body.details()));
    }

    @Delete("/{customerIdOrKey}")
    @Operation(operationId = "deleteCustomer", summary = "Delete customer")
    HttpResponse<Void> delete(Caller caller, String customerIdOrKey) {
        customers.delete(caller, customerIdOrKey);
        return HttpResponse.noContent();
    }

    /** The one expansion documented; subscriptions come with billing, so expanding them adds nothing yet. */
    private static void requireKnownExpansions(List<String> expand) {
        for (String part : expand == null ? List.<String>of() : expand) {
            if (!"subscriptions".equals(part)) {
                throw new ValidationException("expand", "must be one of [subscriptions], not '" + part + "'");
            }
        }
    }
}
