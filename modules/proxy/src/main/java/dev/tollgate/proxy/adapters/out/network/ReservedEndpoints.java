package dev.tollgate.proxy.adapters.out.network;

import dev.tollgate.proxy.domain.CidrEntry;
import dev.tollgate.proxy.domain.DataCluster;
import dev.tollgate.proxy.domain.UpstreamDestinationPolicy.Reserved;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The control-plane database's endpoints, and the data clusters', which no tenant may reach even where the operator
 * allows their network. When
 * that database runs on this machine (embedded, or any local address), every local address at its port is reserved:
 * a server listening on all interfaces answers on each of them.
 */
final class ReservedEndpoints {
    /** {@code jdbc:postgresql://host[:port][,host[:port]…]/…}; IPv6 hosts in brackets. */
    private static final Pattern URL = Pattern.compile("^jdbc:postgresql://([^/?]*)");
    private static final Pattern HOST_PORT = Pattern.compile("^(\\[[^]]+]|[^:]+)(?::(\\d+))?$");
    private static final String WHAT = "Tollgate's own control-plane database";

    private ReservedEndpoints() {
    }

    /**
     * The endpoints of the data clusters Tollgate administers (ADR 0054): a tenant's own upstream may not be aimed at
     * one (it would reach other tenants' managed databases); managed databases are dialled by Tollgate's configuration.
     */
    static List<Reserved> dataClusters(List<DataCluster> clusters) {
        List<Reserved> reserved = new ArrayList<>();
        for (DataCluster c : clusters) {
            reserved.addAll(endpoints(c.host(), c.port(), "a data cluster of Tollgate's managed databases (" + c.name() + ")"));
        }
        return reserved;
    }

    static List<Reserved> controlPlane(String jdbcUrl) {
        List<Reserved> reserved = new ArrayList<>();
        Matcher url = URL.matcher(jdbcUrl == null ? "" : jdbcUrl);
        String hosts = url.find() && !url.group(1).isEmpty() ? url.group(1) : "localhost";
        for (String hostPort : hosts.split(",")) {
            Matcher m = HOST_PORT.matcher(hostPort.strip());
            if (!m.matches()) {
                continue;
            }
            String host = m.group(1).replace("[", "").replace("]", "");
            int port = m.group(2) == null ? 5432 : Integer.parseInt(m.group(2));
            reserved.addAll(endpoints(host, port, WHAT));
        }
        return reserved;
    }

    private static List<Reserved> endpoints(String host, int port, String what) {
        List<InetAddress> addresses;
        try {
            addresses = List.of(InetAddress.getAllByName(host));
        } catch (UnknownHostException e) {
            return List.of(); // the data source itself will fail to start and say so
        }
        List<InetAddress> local = localAddresses();
        boolean onThisMachine = addresses.stream().anyMatch(a -> a.isLoopbackAddress() || a.isAnyLocalAddress() || local.contains(a));
        List<Reserved> reserved = new ArrayList<>();
        if (onThisMachine) {
            reserved.add(new Reserved(CidrEntry.parse(0, "127.0.0.0/8", null), port, what));
            reserved.add(new Reserved(CidrEntry.parse(0, "::1/128", null), port, what));
            reserved.add(new Reserved(CidrEntry.parse(0, "0.0.0.0/32", null), port, what));
            reserved.add(new Reserved(CidrEntry.parse(0, "::/128", null), port, what));
            local.forEach(a -> reserved.add(exactly(a, port, what)));
        }
        addresses.forEach(a -> reserved.add(exactly(a, port, what)));
        return reserved;
    }

    /** One address (without an IPv6 scope such as {@code %eth0}) at {@code port}. */
    private static Reserved exactly(InetAddress address, int port, String what) {
        return new Reserved(CidrEntry.parse(0, address.getHostAddress().replaceAll("%.*$", ""), null), port, what);
    }

    private static List<InetAddress> localAddresses() {
        try {
            List<InetAddress> all = new ArrayList<>();
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                all.addAll(Collections.list(nic.getInetAddresses()));
            }
            return all;
        } catch (SocketException e) {
            return List.of();
        }
    }
}
