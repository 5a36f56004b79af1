package dev.tollgate.platform.net;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.UnknownHostException;
import java.util.HashSet;
import java.util.Properties;
import java.util.Set;
import javax.net.SocketFactory;

/**
 * A socket factory that connects only to addresses checked beforehand, listed in the property {@link #PINNED}: a
 * library that resolves the host name again (the PostgreSQL JDBC driver, through its {@code socketFactory} property)
 * cannot be led elsewhere by a name that now resolves to another address (DNS rebinding). Public because the driver
 * instantiates it by reflection.
 */
public final class PinnedSocketFactory extends SocketFactory {
    public static final String PINNED = "tollgate.pinnedAddresses";
    private final Set<InetAddress> pinned = new HashSet<>();

    /** Called by the driver with the connection's properties. */
    public PinnedSocketFactory(Properties info) throws UnknownHostException {
        for (String literal : info.getProperty(PINNED, "").split(",")) {
            if (!literal.isBlank()) {
                pinned.add(InetAddress.getByName(literal)); // numeric literals: parsed, never looked up
            }
        }
    }

    @Override
    public Socket createSocket() {
        return new Socket() {
            @Override
            public void connect(SocketAddress endpoint, int timeout) throws IOException {
                if (!(endpoint instanceof InetSocketAddress address) || !pinned.contains(address.getAddress())) {
                    throw new ConnectException("the host now resolves to an address that was not checked");
                }
                super.connect(endpoint, timeout);
            }
        };
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return connected(new InetSocketAddress(host, port));
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return connected(new InetSocketAddress(host, port));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return connected(new InetSocketAddress(host, port));
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
        return connected(new InetSocketAddress(address, port));
    }

    private Socket connected(InetSocketAddress endpoint) throws IOException {
        Socket socket = createSocket();
        socket.connect(endpoint);
        return socket;
    }
}
