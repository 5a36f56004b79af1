package dev.tollgate.platform.http;

import static com.fasterxml.jackson.annotation.JsonInclude.Include.ALWAYS;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.tollgate.platform.domain.Page;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.serde.annotation.Serdeable;

/**
 * php-tenant's paginator envelope parts (Laravel's): {@code links} (absolute URLs) and {@code meta}; a link or bound
 * that does not exist is null. Each paginated body is {@code {data, links, meta}}.
 */
public final class LaravelPagination {
    private LaravelPagination() {
    }

    @Serdeable
    public record Links(String first, String last, @JsonInclude(ALWAYS) @Nullable String prev, @JsonInclude(ALWAYS) @Nullable String next) {
    }

    @Serdeable
    public record Meta(int current_page, @JsonInclude(ALWAYS) @Nullable Long from, int last_page, int per_page,
                       @JsonInclude(ALWAYS) @Nullable Long to, long total) {
    }

    public static Links links(Page<?> page, HttpRequest<?> request) {
        int perPage = page.request().limit();
        int current = page.pageNumber();
        String base = baseUrl(request);
        return new Links(url(base, 1, perPage), url(base, lastPage(page), perPage),
                current > 1 ? url(base, current - 1, perPage) : null,
                page.hasNext() ? url(base, current + 1, perPage) : null);
    }

    public static Meta meta(Page<?> page) {
        Long from = page.items().isEmpty() ? null : (long) page.request().offset() + 1;
        Long to = page.items().isEmpty() ? null : (long) page.request().offset() + page.items().size();
        return new Meta(page.pageNumber(), from, lastPage(page), page.request().limit(), to, page.total());
    }

    private static int lastPage(Page<?> page) {
        int perPage = page.request().limit();
        return (int) Math.max(1, (page.total() + perPage - 1) / perPage);
    }

    private static String baseUrl(HttpRequest<?> request) {
        String host = request.getHeaders().get("Host");
        return "http://" + (host == null ? "localhost" : host) + request.getPath();
    }

    private static String url(String base, int page, int perPage) {
        return base + "?page=" + page + "&per_page=" + perPage;
    }
}
