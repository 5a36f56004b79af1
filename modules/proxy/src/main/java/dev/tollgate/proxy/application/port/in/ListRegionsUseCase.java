package dev.tollgate.proxy.application.port.in;

import dev.tollgate.proxy.domain.Region;
import java.util.List;

public interface ListRegionsUseCase {
    List<Region> regions();
}
