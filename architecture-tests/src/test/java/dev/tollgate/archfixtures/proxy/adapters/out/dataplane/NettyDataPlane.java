package dev.tollgate.archfixtures.proxy.adapters.out.dataplane;

import io.netty.buffer.ByteBuf;

/** Allowed: Netty inside the proxy's adapters. */
final class NettyDataPlane {
    ByteBuf buffer;
}
