package dev.tollgate.tenancy.adapters.in.http.centrali;

import dev.tollgate.tenancy.application.port.in.ReadAuditLogUseCase.AuditPage;
import dev.tollgate.tenancy.domain.AuditEntry;
import io.micronaut.json.JsonMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Function;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * The audit export as a stream of RFC 4180 CSV (CRLF, fields quoted when they hold a comma, quote or line break):
 * one page of entries is encoded at a time and the next is read only when the client has taken the bytes, so memory
 * stays constant however large the selection. A cell a spreadsheet would run as a formula (starting with {@code =},
 * {@code +}, {@code -}, {@code @}, tab or carriage return) is prefixed with an apostrophe.
 */
final class AuditCsv extends InputStream {
    static final String[] HEADER = {"id", "at", "type", "resourceType", "resourceId", "actorType", "actorId", "summary", "sourceAddress",
            "before", "after"};
    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setRecordSeparator("\r\n").get();

    private final Function<String, AuditPage> nextPage;
    private final JsonMapper json;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(64 * 1024);
    private final CSVPrinter printer;
    private byte[] chunk = new byte[0];
    private int position;
    private AuditPage page;

    /** {@code first} is already read (so the caller's errors surfaced before the response began); {@code nextPage} reads after a cursor. */
    AuditCsv(AuditPage first, Function<String, AuditPage> nextPage, JsonMapper json) {
        this.nextPage = nextPage;
        this.json = json;
        this.page = first;
        try {
            this.printer = new CSVPrinter(new OutputStreamWriter(buffer, StandardCharsets.UTF_8), FORMAT);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        encode(HEADER);
        first.entries().forEach(this::encode);
        flip();
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        while (position == chunk.length) {
            if (page == null || !page.hasMore()) {
                return -1;
            }
            page = nextPage.apply(page.nextCursor());
            page.entries().forEach(this::encode);
            flip();
        }
        int n = Math.min(len, chunk.length - position);
        System.arraycopy(chunk, position, b, off, n);
        position += n;
        return n;
    }

    private void encode(AuditEntry e) {
        encode(new String[] {e.publicId(), e.at().toString(), e.type(), e.resourceType(), e.resourceId(), e.actorType(), e.actorId(),
                e.summary(), e.sourceAddress(), jsonOf(e.before()), jsonOf(e.after())});
    }

    private void encode(String[] cells) {
        try {
            for (String cell : cells) {
                printer.print(defused(cell));
            }
            printer.println();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void flip() {
        try {
            printer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        chunk = buffer.toByteArray();
        buffer.reset();
        position = 0;
    }

    private String jsonOf(Map<String, Object> fields) {
        try {
            return fields == null ? null : json.writeValueAsString(fields);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** OWASP's advice for CSV injection: a leading formula character is made text by an apostrophe. */
    static String defused(String cell) {
        if (cell == null || cell.isEmpty()) {
            return cell;
        }
        char first = cell.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r' ? "'" + cell : cell;
    }
}
