package dev.tollgate.proxy.application.port.in;

import dev.tollgate.proxy.domain.ProxyUsage;
import java.util.List;

/** The data plane hands over what it counted; on return the reports are durably metered (each id counted once). */
public interface RecordProxyUsageUseCase {
    void record(List<ProxyUsage> reports);
}
