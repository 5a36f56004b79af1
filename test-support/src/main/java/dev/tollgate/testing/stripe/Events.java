package dev.tollgate.testing.stripe;

/** {@code /v1/events}: retrieve and list (by {@code type}, with {@code *} wildcards such as {@code invoice.*}). */
final class Events {
    private final StripeState state;

    Events(StripeState state) {
        this.state = state;
    }

    void routes(Router router) {
        router.on("GET", "/v1/events/{id}", c -> Reply.ok(state.events.get(c.id(0), "id")))
                .on("GET", "/v1/events", this::list);
    }

    private Reply list(Call call) {
        Params params = call.params().allow("type", "types", "limit", "starting_after", "ending_before", "created",
                "delivery_success");
        String type = params.string("type");
        var types = params.strings("types");
        return Reply.ok(Lists.page(state.events.list(e -> {
            String eventType = e.get("type").asText();
            return (type == null || matches(type, eventType))
                    && (types.isEmpty() || types.stream().anyMatch(t -> matches(t, eventType)));
        }), params, "/v1/events"));
    }

    private static boolean matches(String pattern, String type) {
        return pattern.endsWith("*") ? type.startsWith(pattern.substring(0, pattern.length() - 1))
                : pattern.equals(type);
    }
}
