package dev.tollgate.proxy.adapters.in.pgwire;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import javax.net.SocketFactory;

/**
 * Lets the JDBC driver connect to a project's proxy host name (so it sends that name as TLS SNI) while the bytes go
 * to the proxy on the loopback: test machines do not resolve {@code *.tollgate.localhost}.
 */
public final class LoopbackSocketFactory extends SocketFactory {
    @Override
    public Socket createSocket() {
        return new Socket() {
            @Override
            public void connect(SocketAddress endpoint, int timeout) throws IOException {
                super.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), ((InetSocketAddress) endpoint).getPort()), timeout);
            }
        };
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return new Socket(InetAddress.getLoopbackAddress(), port);
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return new Socket(InetAddress.getLoopbackAddress(), port, localHost, localPort);
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return new Socket(InetAddress.getLoopbackAddress(), port);
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
        return new Socket(InetAddress.getLoopbackAddress(), port, localAddress, localPort);
    }
}
