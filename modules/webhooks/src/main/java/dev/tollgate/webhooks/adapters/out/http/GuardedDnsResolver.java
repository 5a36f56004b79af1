package dev.tollgate.webhooks.adapters.out.http;

import dev.tollgate.platform.net.NonPublicAddresses;
import dev.tollgate.platform.net.OutboundAddressPolicy;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;

/**
 * The only name resolution the webhook client does: the addresses it returns are the ones the client connects to, and
 * each has been judged, so a name that resolved to a public address at creation and to 169.254.169.254 now (DNS
 * rebinding) is refused at this connection. One refused address refuses the name.
 */
final class GuardedDnsResolver implements DnsResolver {
    private final OutboundAddressPolicy policy;

    GuardedDnsResolver(OutboundAddressPolicy policy) {
        this.policy = policy;
    }

    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
        InetAddress[] addresses = SystemDefaultDnsResolver.INSTANCE.resolve(host);
        for (int i = 0; i < addresses.length; i++) {
            addresses[i] = NonPublicAddresses.canonical(addresses[i]);
            Optional<String> refusal = policy.refusal(addresses[i]);
            if (refusal.isPresent()) {
                throw new RefusedAddressException(host + " resolves to " + refusal.get());
            }
        }
        return addresses;
    }

    @Override
    public String resolveCanonicalHostname(String host) throws UnknownHostException {
        return SystemDefaultDnsResolver.INSTANCE.resolveCanonicalHostname(host);
    }

    /** A name whose addresses Tollgate may not reach; an UnknownHostException, so the client gives up on it. */
    static final class RefusedAddressException extends UnknownHostException {
        RefusedAddressException(String message) {
            super(message);
        }
    }
}
