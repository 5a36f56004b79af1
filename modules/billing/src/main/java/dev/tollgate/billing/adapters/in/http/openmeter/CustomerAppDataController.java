package dev.tollgate.billing.adapters.in.http.openmeter;

import dev.tollgate.billing.adapters.in.http.openmeter.BillingViews.CustomerAppDataView;
import dev.tollgate.billing.application.port.in.ManageCustomerAppDataUseCase;
import dev.tollgate.platform.domain.PageRequest;
import dev.tollgate.platform.domain.ValidationException;
import dev.tollgate.platform.http.OpenMeterPage;
import dev.tollgate.platform.http.Paging;
import dev.tollgate.tenancy.api.Caller;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Map;

/** OpenMeter's customer app data: what sandbox and custom invoicing keep about a customer. */
@Controller("/api/v1/customers/{customerIdOrKey}/apps")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "OpenMeter: customer app data")
final class CustomerAppDataController {
    private final ManageCustomerAppDataUseCase data;

    CustomerAppDataController(ManageCustomerAppDataUseCase data) {
        this.data = data;
    }

    /** CustomerAppDataCreateOrUpdateItem, all three shapes; the Stripe fields are read so a Stripe item is refused by name. */
    @Serdeable
    record ItemBody(@Nullable String id, String type, @Nullable Map<String, String> metadata, @Nullable String stripeCustomerId,
                    @Nullable String stripeDefaultPaymentMethodId) {
        ManageCustomerAppDataUseCase.Item item() {
            return new ManageCustomerAppDataUseCase.Item(type, id, metadata);
        }
    }

    @Get
    @Operation(operationId = "listCustomerAppData", summary = "List customer app data")
    OpenMeterPage<CustomerAppDataView> list(Caller caller, String customerIdOrKey, @Nullable @QueryValue Integer page,
                                            @Nullable @QueryValue Integer pageSize, @Nullable @QueryValue String type) {
        PageRequest pages = Paging.openmeterPages(page, pageSize);
        return Paging.openmeterPage(data.list(caller, customerIdOrKey, type, pages), pages.limit(), CustomerAppDataView::of);
    }

    @Put
    @Operation(operationId = "upsertCustomerAppData", summary = "Upsert customer app data")
    List<CustomerAppDataView> upsert(Caller caller, String customerIdOrKey, @Body List<ItemBody> items) {
        List<ManageCustomerAppDataUseCase.Item> parsed = new java.util.ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i) == null) {
                throw new ValidationException("[" + i + "]", "must be an app data object, not null");
            }
            parsed.add(items.get(i).item());
        }
        return data.upsert(caller, customerIdOrKey, parsed).stream().map(CustomerAppDataView::of).toList();
    }

    @Delete("/{appId}")
    @Operation(operationId = "deleteCustomerAppData", summary = "Delete customer app data")
    HttpResponse<Void> delete(Caller caller, String customerIdOrKey, String appId) {
        data.delete(caller, customerIdOrKey, appId);
        return HttpResponse.noContent();
    }
}
