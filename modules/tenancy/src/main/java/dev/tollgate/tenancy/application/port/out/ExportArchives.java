package dev.tollgate.tenancy.application.port.out;

import java.util.Map;
import java.util.UUID;

/**
 * Export archives: written a resource at a time as records arrive, kept until removed, read back as a byte stream.
 * Writing never holds more than a bounded buffer in memory, whatever the size of the workspace.
 */
public interface ExportArchives {
    /** Starts the job's archive, dropping whatever an earlier, interrupted attempt wrote. */
    ArchiveWriter create(UUID jobId);

    /** How many chunks the job's archive has (0 when it has none). */
    int chunks(UUID jobId);

    /** The archive's bytes of chunk {@code sequence} (from 0), in order: each chunk is a bounded read of its own. */
    byte[] chunk(UUID jobId, int sequence);

    /** Removes the job's archive. */
    void remove(UUID jobId);

    interface ArchiveWriter extends AutoCloseable {
        /** Starts the document of one resource; records written to it go into the archive until the next starts. */
        RecordWriter resource(String resource);

        /** Ends the archive with its manifest (what it holds, and of what); returns its size in bytes. */
        long finish(Map<String, ?> manifest);

        /** Abandons an unfinished archive (its bytes are removed by the next attempt or with the job). */
        @Override
        void close();
    }

    interface RecordWriter {
        /** One record: strings, numbers, booleans, nulls, instants, lists and maps of them. */
        void write(Map<String, ?> record);

        /** Records written so far. */
        long count();
    }
}
