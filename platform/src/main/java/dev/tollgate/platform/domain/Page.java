package dev.tollgate.platform.domain;

import java.util.List;
import java.util.function.Function;

/** One page of results plus the total number of matches, whatever the dialect shows of it. */
public record Page<T>(List<T> items, long total, PageRequest request) {
    public Page {
        items = List.copyOf(items);
    }

    public boolean hasNext() {
        return request.offset() + items.size() < total;
    }

    public boolean hasPrevious() {
        return request.offset() > 0;
    }

    /** 1-based number of this page when pages are {@code request.limit()} long. */
    public int pageNumber() {
        return request.offset() / request.limit() + 1;
    }

    public <R> Page<R> map(Function<T, R> mapper) {
        return new Page<>(items.stream().map(mapper).toList(), total, request);
    }
}
