package dev.tollgate.billing.application.port.in;

import dev.tollgate.tenancy.api.Caller;
import java.util.Map;

/** OpenMeter's {@code simulateInvoice}: the invoice given lines and quantities would be, computed and never stored. */
public interface SimulateInvoiceUseCase {
    ShownInvoice simulate(Caller caller, String customerIdOrKey, Map<String, Object> body);
}
