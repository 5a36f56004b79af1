package dev.tollgate.archfixtures.metering.adapters.in.http.openmeter;

import io.netty.buffer.ByteBuf;

/** Violates 9e: Netty outside the proxy's adapters. */
final class NettyIngest {
    ByteBuf body;
}
