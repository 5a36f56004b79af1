package dev.tollgate.proxy.adapters.in.pgwire.backend;

import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoEventLoop;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;

/**
 * The socket implementation under the proxy's event loops (ADR 0062): Linux's native epoll when its library loads
 * (edge-triggered, fewer system calls and no per-write buffer copies into JDK buffers), else the JDK's NIO. A channel
 * must be of the kind its loop runs, so the client side of an upstream or cancel connection is chosen by its loop.
 */
public enum SocketTransport {
    EPOLL, NIO;

    /** Epoll when {@code preferNative} and the native library loads; NIO otherwise. */
    public static SocketTransport choose(boolean preferNative) {
        return preferNative && Epoll.isAvailable() ? EPOLL : NIO;
    }

    /** {@code threads} event loops named {@code name-<group>-<n>}. */
    public EventLoopGroup newGroup(int threads, String name) {
        IoHandlerFactory io = this == EPOLL ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        return new MultiThreadIoEventLoopGroup(threads, new DefaultThreadFactory(name), io);
    }

    public Class<? extends ServerChannel> serverChannel() {
        return this == EPOLL ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    }

    /** The outgoing socket class that runs on {@code loop}. */
    public static Class<? extends Channel> socketChannelFor(EventLoop loop) {
        return loop instanceof IoEventLoop io && io.isIoType(EpollIoHandler.class) ? EpollSocketChannel.class : NioSocketChannel.class;
    }
}
