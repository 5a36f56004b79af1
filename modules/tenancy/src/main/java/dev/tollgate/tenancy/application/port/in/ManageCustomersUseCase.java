package dev.tollgate.tenancy.application.port.in;

import dev.tollgate.platform.domain.Page;
import dev.tollgate.platform.domain.PageRequest;
import dev.tollgate.tenancy.api.Caller;
import dev.tollgate.tenancy.domain.CustomerFilter;
import dev.tollgate.tenancy.domain.Customer;

/** OpenMeter's customers in the caller's namespace, addressed by ULID or key. */
public interface ManageCustomersUseCase {

    Customer create(Caller caller, Customer.Details details);

    Page<Customer> list(Caller caller, CustomerFilter filter, PageRequest page);

    Customer get(Caller caller, String idOrKey);

    Customer replace(Caller caller, String idOrKey, Customer.Details details);

    void delete(Caller caller, String idOrKey);
}
