package dev.tollgate.platform.http;

import dev.tollgate.platform.domain.Page;
import dev.tollgate.platform.domain.PageRequest;
import dev.tollgate.platform.domain.ValidationException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Each dialect's paging parameters translated to the one {@link PageRequest}, with the documents' defaults and
 * limits, and invalid values reported against the parameter the client actually sent.
 */
public final class Paging {
    private Paging() {
    }

    /** PlanetScale: {@code page} (from 1, default 1) and {@code per_page} (1-100, default 25). */
    public static PageRequest planetscale(Integer page, Integer perPage) {
        return pageNumbers("page", page, 1, "per_page", perPage, 25, 100);
    }

    /** php-tenant (Laravel): {@code page} (from 1) and {@code per_page} (default 25, at most 100). */
    public static PageRequest phpTenant(Integer page, Integer perPage) {
        return pageNumbers("page", page, 1, "per_page", perPage, 25, 100);
    }

    /** Centrali's page/limit lists (invoices, support issues): {@code page} (from 1, default 1) and {@code limit} (1-100, default 20). */
    public static PageRequest centrali(Integer page, Integer limit) {
        return pageNumbers("page", page, 1, "limit", limit, 20, 100);
    }

    /** OpenMeter's page style: {@code page} (from 1, default 1) and {@code pageSize} (1-1000, default 100). */
    public static PageRequest openmeterPages(Integer page, Integer pageSize) {
        return pageNumbers("page", page, 1, "pageSize", pageSize, 100, 1000);
    }

    /** OpenMeter's {@code order}: ASC (the default) or DESC; true for DESC. */
    public static boolean descending(String order) {
        if (order != null && !order.equals("ASC") && !order.equals("DESC")) {
            throw new ValidationException("order", "must be ASC or DESC");
        }
        return "DESC".equals(order);
    }

    /** OpenMeter's {@code orderBy}: one of {@code allowed}, {@code fallback} when absent. */
    public static String orderBy(String orderBy, String fallback, java.util.List<String> allowed) {
        if (orderBy == null) {
            return fallback;
        }
        if (!allowed.contains(orderBy)) {
            throw new ValidationException("orderBy", "must be one of " + String.join(", ", allowed));
        }
        return orderBy;
    }

    /** OpenMeter's older style: {@code offset} (from 0) and {@code limit} (1-1000, default 100). */
    public static PageRequest limitOffset(Integer offset, Integer limit) {
        int o = offset == null ? 0 : offset;
        int l = limit == null ? 100 : limit;
        if (o < 0) {
            throw new ValidationException("offset", "must be zero or positive");
        }
        if (l < 1 || l > 1000) {
            throw new ValidationException("limit", "must be between 1 and 1000");
        }
        return new PageRequest(o, l);
    }

    /** OpenMeter's v2 cursor style: an opaque {@code cursor} (the same encoding as PgBeam's tokens) and {@code limit}. */
    public static PageRequest cursor(String cursor, Integer limit) {
        int l = limit == null ? 100 : limit;
        if (l < 1 || l > 1000) {
            throw new ValidationException("limit", "must be between 1 and 1000");
        }
        return new PageRequest(cursor == null || cursor.isEmpty() ? 0 : decodeToken("cursor", cursor), l);
    }

    /** PgBeam: opaque {@code page_token} and {@code page_size} (1-100, default 20). */
    public static PageRequest pgbeam(String pageToken, Integer pageSize) {
        int size = pageSize == null ? 20 : pageSize;
        if (size < 1 || size > 100) {
            throw new ValidationException("page_size", "must be between 1 and 100");
        }
        return new PageRequest(pageToken == null || pageToken.isEmpty() ? 0 : decodeToken("page_token", pageToken), size);
    }

    /** The token (PgBeam {@code next_page_token}, OpenMeter {@code nextCursor}) for the next page; null on the last. */
    public static String nextPageToken(Page<?> page) {
        if (!page.hasNext()) {
            return null;
        }
        int next = page.request().offset() + page.items().size();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("o:" + next).getBytes(StandardCharsets.US_ASCII));
    }

    private static int decodeToken(String parameter, String token) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.US_ASCII);
            if (text.startsWith("o:")) {
                int offset = Integer.parseInt(text.substring(2));
                if (offset >= 0) {
                    return offset;
                }
            }
        } catch (IllegalArgumentException malformed) {
            // reported below
        }
        throw new ValidationException(parameter, "is not a token this API issued");
    }

    private static PageRequest pageNumbers(String pageName, Integer page, int defaultPage, String sizeName, Integer size,
                                           int defaultSize, int maxSize) {
        int p = page == null ? defaultPage : page;
        int s = size == null ? defaultSize : size;
        if (p < 1) {
            throw new ValidationException(pageName, "must be 1 or greater");
        }
        if (s < 1 || s > maxSize) {
            throw new ValidationException(sizeName, "must be between 1 and " + maxSize);
        }
        if ((long) (p - 1) * s > Integer.MAX_VALUE) {
            throw new ValidationException(pageName, "is too large");
        }
        return PageRequest.ofPage(p, s);
    }

    /** OpenMeter's paginated list object: totalCount, page, pageSize and the items, each shown by {@code view}. */
    public static <T, V> OpenMeterPage<V> openmeterPage(Page<T> page, int pageSize, java.util.function.Function<T, V> view) {
        return new OpenMeterPage<>(page.total(), page.pageNumber(), pageSize, page.items().stream().map(view).toList());
    }
}
