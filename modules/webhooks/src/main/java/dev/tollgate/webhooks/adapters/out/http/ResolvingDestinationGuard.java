package dev.tollgate.webhooks.adapters.out.http;

import dev.tollgate.platform.net.NonPublicAddresses;
import dev.tollgate.platform.net.OutboundAddressPolicy;
import dev.tollgate.webhooks.application.port.out.DestinationGuard;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;

/**
 * Judges a webhook URL now, on the addresses its host resolves to (ADR 0048). Public destinations must use https;
 * plain http is for the operator's own allowed networks (a test sink, an internal relay).
 */
final class ResolvingDestinationGuard implements DestinationGuard {
    private final OutboundAddressPolicy policy;

    ResolvingDestinationGuard(OutboundAddressPolicy policy) {
        this.policy = policy;
    }

    @Override
    public Optional<String> refusal(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return Optional.of("The url is not a valid URL.");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || !(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null) {
            return Optional.of("The url must be an absolute https URL.");
        }
        String host = uri.getHost().startsWith("[") ? uri.getHost().substring(1, uri.getHost().length() - 1) : uri.getHost();
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            return Optional.of("The host " + host + " does not resolve.");
        }
        for (InetAddress address : addresses) {
            Optional<String> refusal = policy.refusal(address);
            if (refusal.isPresent()) {
                return Optional.of("The url's host " + host + " resolves to " + refusal.get() + ".");
            }
        }
        if (scheme.equals("http")) {
            for (InetAddress address : addresses) {
                InetAddress canonical = NonPublicAddresses.canonical(address);
                if (policy.allowed().stream().noneMatch(n -> n.contains(canonical))) {
                    return Optional.of("The url must use https.");
                }
            }
        }
        return Optional.empty();
    }
}
