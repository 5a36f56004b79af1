package dev.tollgate.tenancy.adapters.in.http.centrali;

import java.io.InputStream;
import java.util.function.IntFunction;

/**
 * An archive's chunks as one stream: the next chunk is read only when the client has taken the last, so a download
 * holds one chunk in memory and no database connection while it waits on the client.
 */
final class ChunkedInputStream extends InputStream {
    private final int chunks;
    private final IntFunction<byte[]> chunk;
    private int next;
    private byte[] current = new byte[0];
    private int position;

    ChunkedInputStream(int chunks, IntFunction<byte[]> chunk) {
        this.chunks = chunks;
        this.chunk = chunk;
    }

    @Override
    public int read() {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        if (len == 0) {
            return 0;
        }
        while (position == current.length) {
            if (next == chunks) {
                return -1;
            }
            current = chunk.apply(next++);
            position = 0;
        }
        int n = Math.min(len, current.length - position);
        System.arraycopy(current, position, b, off, n);
        position += n;
        return n;
    }
}
