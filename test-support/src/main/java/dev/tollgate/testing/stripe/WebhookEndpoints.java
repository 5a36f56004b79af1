package dev.tollgate.testing.stripe;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@code /v1/webhook_endpoints}: create (the {@code whsec_…} signing secret is shown only then, as in Stripe),
 * retrieve, update, delete, list. Events go to every enabled endpoint whose {@code enabled_events} name their type
 * or {@code *}.
 */
final class WebhookEndpoints {
    private final StripeState state;

    WebhookEndpoints(StripeState state) {
        this.state = state;
    }

    void routes(Router router) {
        router.on("POST", "/v1/webhook_endpoints", this::create)
                .on("GET", "/v1/webhook_endpoints", this::list)
                .on("GET", "/v1/webhook_endpoints/{id}", c -> Reply.ok(shown(state.webhookEndpoints.get(c.id(0), "id"))))
                .on("POST", "/v1/webhook_endpoints/{id}", this::update)
                .on("DELETE", "/v1/webhook_endpoints/{id}", this::delete);
    }

    private Reply create(Call call) {
        Params params = call.params().allow("url", "enabled_events", "description", "metadata", "api_version",
                "connect");
        String url = url(params.required("url"));
        if (params.strings("enabled_events").isEmpty()) {
            throw StripeError.missing("enabled_events");
        }
        ObjectNode endpoint = Json.resource(Ids.next("we_"), "webhook_endpoint", state.now());
        String version = params.string("api_version");
        endpoint.put("api_version", version);
        endpoint.putNull("application");
        endpoint.put("description", params.string("description"));
        ArrayNode events = endpoint.putArray("enabled_events");
        params.strings("enabled_events").forEach(events::add);
        endpoint.putObject("metadata");
        Metadata.apply(endpoint, params);
        endpoint.put("secret", "whsec_" + Ids.random(32));
        endpoint.put("status", "enabled");
        endpoint.put("url", url);
        state.webhookEndpoints.put(endpoint);
        return Reply.ok(endpoint);
    }

    private Reply update(Call call) {
        Params params = call.params().allow("url", "enabled_events", "description", "metadata", "disabled");
        ObjectNode endpoint = state.webhookEndpoints.get(call.id(0), "id");
        if (params.has("url")) {
            endpoint.put("url", url(params.required("url")));
        }
        if (params.has("enabled_events")) {
            ArrayNode events = endpoint.putArray("enabled_events");
            params.strings("enabled_events").forEach(events::add);
        }
        if (params.has("description")) {
            endpoint.put("description", params.string("description"));
        }
        if (params.has("disabled")) {
            endpoint.put("status", params.bool("disabled") ? "disabled" : "enabled");
        }
        Metadata.apply(endpoint, params);
        return Reply.ok(shown(endpoint));
    }

    private Reply delete(Call call) {
        ObjectNode endpoint = state.webhookEndpoints.get(call.id(0), "id");
        state.webhookEndpoints.remove(endpoint.get("id").asText());
        ObjectNode deleted = Json.object();
        deleted.put("id", endpoint.get("id").asText());
        deleted.put("object", "webhook_endpoint");
        deleted.put("deleted", true);
        return Reply.ok(deleted);
    }

    private Reply list(Call call) {
        Params params = call.params().allow("limit", "starting_after", "ending_before");
        ObjectNode page = Lists.page(state.webhookEndpoints.list(e -> true), params, "/v1/webhook_endpoints");
        page.get("data").forEach(e -> ((ObjectNode) e).remove("secret"));
        return Reply.ok(page);
    }

    /** An endpoint as retrieve and list show it: without its secret. */
    private static ObjectNode shown(ObjectNode endpoint) {
        ObjectNode copy = endpoint.deepCopy();
        copy.remove("secret");
        return copy;
    }

    private static String url(String url) {
        if (!url.startsWith("http://") && !url.startsWith("https://")) {
            throw StripeError.invalid("url", "Invalid URL: " + url + ". URLs must begin with http:// or https://.");
        }
        return url;
    }
}
