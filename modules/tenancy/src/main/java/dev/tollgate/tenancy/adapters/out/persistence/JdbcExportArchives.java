package dev.tollgate.tenancy.adapters.out.persistence;

import dev.tollgate.platform.persistence.Sql;
import dev.tollgate.tenancy.application.port.out.ExportArchives;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.temporal.TemporalAccessor;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Archives as ZIP files of JSON documents ({@code <resource>.json}, each an array of records, then
 * {@code manifest.json}), kept as 1 MiB rows of {@code tenancy.export_archive_chunks}: memory holds one chunk and one
 * record, whatever the workspace's size, and every node reads the same bytes. Each chunk is written in the
 * transaction current when it fills.
 */
@Singleton
class JdbcExportArchives implements ExportArchives {
    static final int CHUNK_BYTES = 1024 * 1024;
    private final JdbcOperations jdbc;
    private final JsonMapper json;

    JdbcExportArchives(JdbcOperations jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @Override
    public ArchiveWriter create(UUID jobId) {
        remove(jobId);
        return new ZipWriter(new ChunkStream(jobId));
    }

    @Override
    public int chunks(UUID jobId) {
        return Sql.query(jdbc, "SELECT count(*) FROM tenancy.export_archive_chunks WHERE job_id = ?", List.of(jobId), row -> row.getInt(1))
                .get(0);
    }

    @Override
    public byte[] chunk(UUID jobId, int sequence) {
        return Sql.query(jdbc, "SELECT data FROM tenancy.export_archive_chunks WHERE job_id = ? AND sequence = ?", List.of(jobId, sequence),
                row -> row.getBytes(1)).stream().findFirst()
                .orElseThrow(() -> new IllegalStateException("chunk " + sequence + " of export " + jobId + " is missing"));
    }

    @Override
    public void remove(UUID jobId) {
        Sql.update(jdbc, "DELETE FROM tenancy.export_archive_chunks WHERE job_id = ?", List.of(jobId));
    }

    /** Buffers bytes and writes each full chunk as a row. */
    private final class ChunkStream extends OutputStream {
        private final UUID jobId;
        private final byte[] buffer = new byte[CHUNK_BYTES];
        private int filled;
        private int sequence;
        private long total;

        ChunkStream(UUID jobId) {
            this.jobId = jobId;
        }

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            while (length > 0) {
                int n = Math.min(length, buffer.length - filled);
                System.arraycopy(bytes, offset, buffer, filled, n);
                filled += n;
                offset += n;
                length -= n;
                total += n;
                if (filled == buffer.length) {
                    flushChunk();
                }
            }
        }

        void flushChunk() {
            if (filled == 0) {
                return;
            }
            byte[] data = filled == buffer.length ? buffer : java.util.Arrays.copyOf(buffer, filled);
            Sql.update(jdbc, "INSERT INTO tenancy.export_archive_chunks (job_id, sequence, data) VALUES (?, ?, ?)", List.of(jobId, sequence, data));
            sequence++;
            filled = 0;
        }
    }

    private final class ZipWriter implements ArchiveWriter {
        private final ChunkStream chunks;
        private final ZipOutputStream zip;
        private JsonArray open;

        ZipWriter(ChunkStream chunks) {
            this.chunks = chunks;
            this.zip = new ZipOutputStream(chunks, StandardCharsets.UTF_8);
        }

        @Override
        public RecordWriter resource(String resource) {
            endOpen();
            open = new JsonArray(zip, resource + ".json");
            return open;
        }

        @Override
        public long finish(Map<String, ?> manifest) {
            endOpen();
            try {
                zip.putNextEntry(new ZipEntry("manifest.json"));
                zip.write(bytes(manifest));
                zip.closeEntry();
                zip.finish();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            chunks.flushChunk();
            return chunks.total;
        }

        @Override
        public void close() {
            // Nothing to release: the stream holds memory only, and what it wrote stays until the job removes it.
        }

        private void endOpen() {
            if (open != null) {
                open.end();
                open = null;
            }
        }
    }

    /** One resource's document: a JSON array written a record at a time. */
    private final class JsonArray implements RecordWriter {
        private final ZipOutputStream zip;
        private long count;

        JsonArray(ZipOutputStream zip, String name) {
            this.zip = zip;
            try {
                zip.putNextEntry(new ZipEntry(name));
                zip.write('[');
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void write(Map<String, ?> record) {
            try {
                zip.write(count == 0 ? '\n' : ',');
                if (count > 0) {
                    zip.write('\n');
                }
                zip.write(bytes(record));
                count++;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public long count() {
            return count;
        }

        void end() {
            try {
                zip.write(count == 0 ? "]\n".getBytes(StandardCharsets.US_ASCII) : "\n]\n".getBytes(StandardCharsets.US_ASCII));
                zip.closeEntry();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private byte[] bytes(Object value) {
        try {
            return json.writeValueAsBytes(plain(value));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Times as ISO 8601 text and UUIDs as text, whatever the serializer's defaults; maps keep their order. */
    private static Object plain(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), plain(v)));
            return out;
        }
        if (value instanceof Collection<?> list) {
            return list.stream().map(JdbcExportArchives::plain).toList();
        }
        if (value instanceof TemporalAccessor || value instanceof UUID) {
            return value.toString();
        }
        return value;
    }
}
