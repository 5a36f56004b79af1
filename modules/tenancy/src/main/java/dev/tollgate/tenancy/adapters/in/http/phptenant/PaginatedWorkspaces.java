package dev.tollgate.tenancy.adapters.in.http.phptenant;

import static com.fasterxml.jackson.annotation.JsonInclude.Include.ALWAYS;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.tollgate.platform.domain.Page;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/** Laravel's paginator envelope: data, links (absolute URLs) and meta; a link or bound that does not exist is null. */
@Serdeable
record PaginatedWorkspaces(List<WorkspaceResource> data, Links links, Meta meta) {

    @Serdeable
    record Links(String first, String last, @JsonInclude(ALWAYS) @Nullable String prev, @JsonInclude(ALWAYS) @Nullable String next) {
    }

    @Serdeable
    record Meta(int current_page, @JsonInclude(ALWAYS) @Nullable Long from, int last_page, int per_page,
                @JsonInclude(ALWAYS) @Nullable Long to, long total) {
    }

    static PaginatedWorkspaces of(Page<WorkspaceResource> page, HttpRequest<?> request) {
        int perPage = page.request().limit();
        int current = page.pageNumber();
        int last = (int) Math.max(1, (page.total() + perPage - 1) / perPage);
        String base = baseUrl(request);
        Long from = page.items().isEmpty() ? null : (long) page.request().offset() + 1;
        Long to = page.items().isEmpty() ? null : (long) page.request().offset() + page.items().size();
        return new PaginatedWorkspaces(page.items(),
                new Links(url(base, 1, perPage), url(base, last, perPage),
                        current > 1 ? url(base, current - 1, perPage) : null,
                        page.hasNext() ? url(base, current + 1, perPage) : null),
                new Meta(current, from, last, perPage, to, page.total()));
    }

    private static String baseUrl(HttpRequest<?> request) {
        String host = request.getHeaders().get("Host");
        return "http://" + (host == null ? "localhost" : host) + request.getPath();
    }

    private static String url(String base, int page, int perPage) {
        return base + "?page=" + page + "&per_page=" + perPage;
    }
}
