package dev.tollgate.billing.application.port.in;

import dev.tollgate.billing.domain.app.App;
import dev.tollgate.billing.domain.app.CustomerAppData;
import dev.tollgate.platform.domain.Page;
import dev.tollgate.platform.domain.PageRequest;
import dev.tollgate.tenancy.api.Caller;
import java.util.List;
import java.util.Map;

/** What installed apps keep about a customer (OpenMeter's customer app data), customers named by ULID or key. */
public interface ManageCustomerAppDataUseCase {
    /** One item of an upsert: the app by id, else the namespace's app of {@code type}; metadata for custom invoicing. */
    record Item(String type, String appId, Map<String, String> metadata) {
    }

    record AppData(CustomerAppData data, App app) {
    }

    /** {@code type} null lists every type. */
    Page<AppData> list(Caller caller, String customerIdOrKey, String type, PageRequest page);

    /** All items or none; a Stripe item is refused until the Stripe app can be installed. */
    List<AppData> upsert(Caller caller, String customerIdOrKey, List<Item> items);

    void delete(Caller caller, String customerIdOrKey, String appId);
}
