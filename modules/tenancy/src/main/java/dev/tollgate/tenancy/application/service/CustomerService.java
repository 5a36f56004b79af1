package dev.tollgate.tenancy.application.service;

import dev.tollgate.platform.domain.NotFoundException;
import dev.tollgate.platform.domain.Page;
import dev.tollgate.platform.domain.PageRequest;
import dev.tollgate.platform.domain.Ulid;
import dev.tollgate.tenancy.api.AuditTrail;
import dev.tollgate.tenancy.api.Caller;
import dev.tollgate.tenancy.api.TenancyApi;
import dev.tollgate.tenancy.api.TenancyApi.Capability;
import dev.tollgate.tenancy.application.port.in.ManageCustomersUseCase;
import dev.tollgate.tenancy.application.port.out.CustomerStore;
import dev.tollgate.tenancy.domain.CustomerFilter;
import dev.tollgate.tenancy.domain.Customer;
import dev.tollgate.tenancy.api.events.CustomerDeleting;
import io.micronaut.context.event.ApplicationEventPublisher;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

@Singleton
class CustomerService implements ManageCustomersUseCase {
    private final CustomerStore customers;
    private final TenancyApi tenancy;
    private final ApplicationEventPublisher<CustomerDeleting> deleting;
    private final Clock clock;
    private final AuditTrail audit;

    CustomerService(CustomerStore customers, TenancyApi tenancy, ApplicationEventPublisher<CustomerDeleting> deleting, Clock clock,
                    AuditTrail audit) {
        this.audit = audit;
        this.customers = customers;
        this.tenancy = tenancy;
        this.deleting = deleting;
        this.clock = clock;
    }

    @Override
    @Transactional
    public Customer create(Caller caller, Customer.Details details) {
        UUID namespace = tenancy.requireNamespace(caller, Capability.MANAGE_METERS).id();
        Customer customer = Customer.create(namespace, details, clock.instant());
        customers.save(customer);
        audit.record(caller, namespace, AuditTrail.Change.created("customer", customer.ulid(), "Customer '" + customer.name() + "' created",
                AuditSnapshots.of(customer)));
        return customer;
    }

    @Override
    @Transactional(readOnly = true)
    public Page<Customer> list(Caller caller, CustomerFilter filter, PageRequest page) {
        return customers.list(tenancy.requireNamespace(caller, Capability.READ_METERS).id(), filter, page);
    }

    @Override
    @Transactional(readOnly = true)
    public Customer get(Caller caller, String idOrKey) {
        return find(tenancy.requireNamespace(caller, Capability.READ_METERS).id(), idOrKey);
    }

    @Override
    @Transactional
    public Customer replace(Caller caller, String idOrKey, Customer.Details details) {
        Customer current = find(tenancy.requireNamespace(caller, Capability.MANAGE_METERS).id(), idOrKey);
        Customer customer = current.replace(details, clock.instant());
        customers.save(customer);
        audit.record(caller, customer.namespace(), AuditTrail.Change.updated("customer", customer.ulid(),
                "Customer '" + customer.name() + "' updated", AuditSnapshots.of(current), AuditSnapshots.of(customer)));
        return customer;
    }

    @Override
    @Transactional
    public void delete(Caller caller, String idOrKey) {
        Customer customer = find(tenancy.requireNamespace(caller, Capability.MANAGE_METERS).id(), idOrKey);
        deleting.publishEvent(new CustomerDeleting(customer.namespace(), customer.ulid())); // billing refuses while a subscription runs
        customers.save(customer.deleted(clock.instant()));
        audit.record(caller, customer.namespace(), AuditTrail.Change.deleted("customer", customer.ulid(),
                "Customer '" + customer.name() + "' deleted", AuditSnapshots.of(customer)));
    }

    private Customer find(UUID namespace, String idOrKey) {
        return findLive(customers, namespace, idOrKey).orElseThrow(() -> NotFoundException.of("Customer", idOrKey));
    }

    /** A ULID first, then a key: OpenMeter's customerIdOrKey. Also how other modules name customers (TenancyApi). */
    static Optional<Customer> findLive(CustomerStore customers, UUID namespace, String idOrKey) {
        return Ulid.parse(idOrKey).flatMap(id -> customers.findLive(namespace, id)).or(() -> customers.findLiveByKey(namespace, idOrKey));
    }
}
