package dev.tollgate.tenancy.adapters.in.http.centrali;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tollgate.platform.domain.TypeId;
import dev.tollgate.tenancy.application.port.in.ReadAuditLogUseCase.AuditPage;
import dev.tollgate.tenancy.domain.AuditEntry;
import io.micronaut.json.JsonMapper;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

class AuditCsvTest {
    private static final UUID ORG = UUID.randomUUID();

    private static AuditEntry entry(String summary) {
        return new AuditEntry(TypeId.newUuid(), ORG, "user", "u1", "team", "team_1", "team.created", summary, null,
                Map.of("name", summary), "10.0.0.1", Instant.parse("2026-12-07T10:00:00Z"));
    }

    private static List<CSVRecord> parse(String csv) throws Exception {
        return CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(new StringReader(csv)).getRecords();
    }

    @Test
    void formulaCellsAreDefusedAndAwkwardTextSurvivesQuoting() throws Exception {
        List<String> summaries = List.of("=1+1", "+SUM(A1)", "-2", "@cmd", "\tTab", "plain, with \"quotes\"\r\nand a line break");
        List<AuditEntry> entries = summaries.stream().map(AuditCsvTest::entry).toList();
        String csv = new String(new AuditCsv(new AuditPage(entries, null, false), cursor -> null, JsonMapper.createDefault()).readAllBytes(),
                StandardCharsets.UTF_8);
        List<CSVRecord> records = parse(csv);
        assertEquals(List.of("'=1+1", "'+SUM(A1)", "'-2", "'@cmd", "'\tTab", "plain, with \"quotes\"\r\nand a line break"),
                records.stream().map(r -> r.get("summary")).toList());
        assertEquals(List.of(AuditCsv.HEADER), List.of(csv.substring(0, csv.indexOf("\r\n")).split(",")));
    }

    @Test
    void readsThePagesOneAfterAnother() throws Exception {
        List<AuditPage> pages = new ArrayList<>();
        pages.add(new AuditPage(List.of(entry("second page")), null, false));
        AuditPage first = new AuditPage(List.of(entry("first page")), "aud_next", true);
        List<String> asked = new ArrayList<>();
        AuditCsv csv = new AuditCsv(first, cursor -> {
            asked.add(cursor);
            return pages.remove(0);
        }, JsonMapper.createDefault());
        assertEquals(List.of("first page", "second page"), parse(new String(csv.readAllBytes(), StandardCharsets.UTF_8)).stream()
                .map(r -> r.get("summary")).toList());
        assertEquals(List.of("aud_next"), asked);
    }
}
