package dev.tollgate.proxy.adapters.in.pgwire.usage;

import dev.tollgate.proxy.domain.QueryShape;
import dev.tollgate.proxy.domain.ShapeStats;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The query shapes one project's clients ran on this node (ADR 0057), at most the tier's {@code max_query_shapes} of
 * them: a shape first seen once the project has that many is not tracked, its calls count in the project's untracked
 * counters (its totals stay whole; the shapes are "dropped"). A tracked shape stays tracked while the node runs. A tier
 * without a bound (0) is still held to the node's {@code ceiling}, which keeps one project from filling the memory.
 */
public final class ShapeBook {
    private final UUID projectId;
    private final QueryShapeCache cache;
    private final int ceiling;
    private final Map<QueryShape, ShapeCounters> tracked = new ConcurrentHashMap<>();
    private final ShapeCounters untracked = ShapeCounters.untracked();

    public ShapeBook(UUID projectId, QueryShapeCache cache, int ceiling) {
        this.projectId = projectId;
        this.cache = cache;
        this.ceiling = ceiling;
    }

    public UUID projectId() {
        return projectId;
    }

    /** The counters of the shape of {@code sql}: its own if tracked or if there is room ({@code maxShapes}, 0 = no tier bound). */
    public ShapeCounters forSql(String sql, int maxShapes) {
        return counters(shapeOf(sql), maxShapes);
    }

    /** The shape of {@code sql}, from the node's cache of texts seen before when it is there. */
    public QueryShape shapeOf(String sql) {
        return cache.shapeOf(sql);
    }

    /** The counters of {@code shape}: its own if tracked or if there is room ({@code maxShapes}, 0 = no tier bound). */
    public ShapeCounters counters(QueryShape shape, int maxShapes) {
        ShapeCounters known = tracked.get(shape);
        if (known != null) {
            return known;
        }
        int bound = maxShapes > 0 ? Math.min(maxShapes, ceiling) : ceiling;
        if (tracked.size() >= bound) {
            return untracked;
        }
        synchronized (this) { // the size check and the insertion as one step: never one shape over the bound
            known = tracked.get(shape);
            if (known != null) {
                return known;
            }
            if (tracked.size() >= bound) {
                return untracked;
            }
            ShapeCounters added = new ShapeCounters(shape);
            tracked.put(shape, added);
            return added;
        }
    }

    /** How many shapes are tracked. */
    public int size() {
        return tracked.size();
    }

    /** The figures of every shape (and the untracked ones) since the last flush. */
    public List<ShapeStats> take(Instant at, long atNanos) {
        List<ShapeStats> taken = new ArrayList<>();
        for (ShapeCounters shape : tracked.values()) {
            ShapeStats stats = shape.take(projectId, at, atNanos);
            if (stats != null) {
                taken.add(stats);
            }
        }
        ShapeStats dropped = untracked.take(projectId, at, atNanos);
        if (dropped != null) {
            taken.add(dropped);
        }
        return taken;
    }
}
