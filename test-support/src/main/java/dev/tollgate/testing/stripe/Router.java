package dev.tollgate.testing.stripe;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Method and path to handler. Paths are written with {@code {id}} for one path segment, e.g.
 * {@code /v1/customers/{id}}; the captured segments reach the handler as {@link Call#id(int)}.
 */
final class Router {
    interface Handler {
        Reply handle(Call call);
    }

    private record Route(String method, Pattern path, Handler handler) {
    }

    private final List<Route> routes = new ArrayList<>();

    Router on(String method, String template, Handler handler) {
        String regex = Pattern.quote(template).replace("{id}", "\\E([^/]+)\\Q");
        routes.add(new Route(method, Pattern.compile(regex), handler));
        return this;
    }

    Reply dispatch(String method, String path, Params params) {
        for (Route route : routes) {
            Matcher matcher = route.path.matcher(path);
            if (route.method.equals(method) && matcher.matches()) {
                List<String> ids = new ArrayList<>();
                for (int i = 1; i <= matcher.groupCount(); i++) {
                    ids.add(matcher.group(i));
                }
                return route.handler.handle(new Call(method, path, ids, params));
            }
        }
        throw StripeError.unrecognizedUrl(method, path);
    }
}
