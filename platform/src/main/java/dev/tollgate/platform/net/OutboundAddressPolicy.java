package dev.tollgate.platform.net;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

/**
 * Whether a tenant-aimed outbound connection may reach an address: public addresses always, non-public ones only
 * inside the networks the operator allows (e.g. {@code TOLLGATE_WEBHOOKS_ALLOWED_TARGETS}). Judge every address a
 * name resolves to, at the moment of connecting, and connect only to the ones judged (DNS rebinding).
 */
public record OutboundAddressPolicy(List<Cidr> allowed) {
    public OutboundAddressPolicy {
        allowed = List.copyOf(allowed);
    }

    /** From a comma-separated CIDR list as operators write it; blank allows nothing beyond public addresses. */
    public static OutboundAddressPolicy allowing(String cidrList) {
        if (cidrList == null || cidrList.isBlank()) {
            return new OutboundAddressPolicy(List.of());
        }
        return new OutboundAddressPolicy(java.util.Arrays.stream(cidrList.split(","))
                .map(String::strip).filter(s -> !s.isEmpty()).map(Cidr::parse).toList());
    }

    /** Why {@code address} may not be reached, or empty when it may. */
    public Optional<String> refusal(InetAddress given) {
        InetAddress address = NonPublicAddresses.canonical(given);
        if (allowed.stream().anyMatch(a -> a.contains(address))) {
            return Optional.empty();
        }
        return NonPublicAddresses.kindOf(address).map(kind -> address.getHostAddress() + " is " + kind
                + ", which Tollgate does not connect to unless the operator allows it");
    }
}
