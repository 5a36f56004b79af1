package dev.tollgate.catalog.adapters.in.http.openmeter;

import dev.tollgate.catalog.domain.CatalogFilter;
import dev.tollgate.catalog.domain.CatalogStatus;
import dev.tollgate.platform.domain.Ulid;
import dev.tollgate.platform.domain.ValidationException;
import dev.tollgate.platform.http.Paging;
import dev.tollgate.platform.http.StrictBooleanParameters;
import io.micronaut.http.HttpParameters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * The list filters shared by plans, add-ons and plan add-ons, read from the query string: {@code includeDeleted},
 * {@code id}, {@code key}, {@code keyVersion[key]=n} (OpenMeter's deepObject style), {@code status}, {@code currency},
 * {@code order} and {@code orderBy}.
 */
final class CatalogQuery {
    private static final List<String> ORDER_BY = List.of("id", "key", "version", "created_at", "updated_at");

    private CatalogQuery() {
    }

    static CatalogFilter filter(HttpParameters query, List<CatalogStatus> allowedStatuses) {
        List<UUID> ids = new ArrayList<>();
        for (String id : query.getAll("id")) {
            ids.add(Ulid.parse(id).orElseThrow(() -> new ValidationException("id", "'" + id + "' is not a ULID")));
        }
        Map<String, List<Integer>> keyVersions = new LinkedHashMap<>();
        for (String name : query.names()) {
            if (name.startsWith("keyVersion[") && name.endsWith("]")) {
                String key = name.substring("keyVersion[".length(), name.length() - 1);
                List<Integer> versions = new ArrayList<>();
                for (String version : query.getAll(name)) {
                    try {
                        versions.add(Integer.parseInt(version));
                    } catch (NumberFormatException e) {
                        throw new ValidationException(name, "'" + version + "' is not a version number");
                    }
                }
                keyVersions.put(key, versions);
            }
        }
        List<CatalogStatus> statuses = new ArrayList<>();
        for (String status : query.getAll("status")) {
            CatalogStatus parsed = allowedStatuses.stream().filter(s -> s.wire().equals(status.toLowerCase(Locale.ROOT))).findFirst()
                    .orElseThrow(() -> new ValidationException("status", "must be one of "
                            + allowedStatuses.stream().map(CatalogStatus::wire).toList() + ", not '" + status + "'"));
            statuses.add(parsed);
        }
        return new CatalogFilter(StrictBooleanParameters.read("includeDeleted", query.get("includeDeleted"), false), ids, query.getAll("key"), keyVersions, statuses,
                query.getAll("currency"), Paging.orderBy(query.get("orderBy"), "id", ORDER_BY), Paging.descending(query.get("order")));
    }
}
