package dev.tollgate.proxy.adapters.in.pgwire.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The proxy's sockets on either transport: the listening side, and the outgoing side chosen by its loop. */
class SocketTransportTest {

    @Test
    void epollLoadsOnLinuxX86AndIsChosenUnlessTurnedOff() {
        if (System.getProperty("os.name").toLowerCase().contains("linux") && System.getProperty("os.arch").matches("amd64|x86_64")) {
            assertTrue(Epoll.isAvailable(), () -> "the native epoll library is packaged for linux-x86_64: " + Epoll.unavailabilityCause());
            assertEquals(SocketTransport.EPOLL, SocketTransport.choose(true));
        }
        assertEquals(SocketTransport.NIO, SocketTransport.choose(false));
    }

    @ParameterizedTest
    @EnumSource(SocketTransport.class)
    void aConnectionDialledFromALoopIsOfThatLoopsKindAndCarriesBytes(SocketTransport transport) throws Exception {
        if (transport == SocketTransport.EPOLL && !Epoll.isAvailable()) {
            return; // another platform: only NIO is there to test
        }
        EventLoopGroup group = transport.newGroup(1, "transport-test");
        try {
            Channel server = new ServerBootstrap().group(group).channel(transport.serverChannel())
                    .childHandler(new ChannelInboundHandlerAdapter() {
                        @Override
                        public void channelRead(ChannelHandlerContext ctx, Object msg) {
                            ctx.writeAndFlush(msg); // echo
                        }
                    })
                    .bind("127.0.0.1", 0).sync().channel();
            EventLoop loop = group.next();
            Class<? extends Channel> kind = SocketTransport.socketChannelFor(loop);
            assertEquals(transport == SocketTransport.EPOLL ? EpollSocketChannel.class : NioSocketChannel.class, kind);
            CompletableFuture<String> echoed = new CompletableFuture<>();
            Channel client = new Bootstrap().group(loop).channel(kind)
                    .handler(new ChannelInboundHandlerAdapter() {
                        @Override
                        public void channelRead(ChannelHandlerContext ctx, Object msg) {
                            ByteBuf bytes = (ByteBuf) msg;
                            echoed.complete(bytes.toString(StandardCharsets.UTF_8));
                            bytes.release();
                        }
                    })
                    .connect((InetSocketAddress) server.localAddress()).sync().channel();
            client.writeAndFlush(Unpooled.copiedBuffer("ping", StandardCharsets.UTF_8));
            assertEquals("ping", echoed.get(10, TimeUnit.SECONDS));
            client.close().sync();
            server.close().sync();
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        }
    }
}
