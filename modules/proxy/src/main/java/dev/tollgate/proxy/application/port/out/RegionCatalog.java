package dev.tollgate.proxy.application.port.out;

import dev.tollgate.proxy.domain.Region;
import java.util.List;

/** The regions Tollgate knows, from configuration. */
public interface RegionCatalog {
    List<Region> all();

    /** The region this node serves (its traffic is reported under this id). */
    String local();
}
