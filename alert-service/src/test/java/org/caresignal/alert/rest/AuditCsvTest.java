package org.caresignal.alert.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AuditCsvTest {

    @Test
    void plainCellsStayAsTheyAre() {
        assertThat(AuditCsv.cell("incident.acknowledge")).isEqualTo("incident.acknowledge");
        assertThat(AuditCsv.cell(null)).isEmpty();
        assertThat(AuditCsv.cell("")).isEmpty();
    }

    @Test
    void commasQuotesAndLineBreaksAreQuotedWithQuotesDoubled() {
        assertThat(AuditCsv.cell("a,b")).isEqualTo("\"a,b\"");
        assertThat(AuditCsv.cell("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(AuditCsv.cell("two\nlines")).isEqualTo("\"two\nlines\"");
        assertThat(AuditCsv.cell("cr\rhere")).isEqualTo("\"cr\rhere\"");
    }

    @Test
    void cellsASpreadsheetWouldRunAsFormulasAreNeutralized() {
        assertThat(AuditCsv.cell("=1+1")).isEqualTo("'=1+1");
        assertThat(AuditCsv.cell("+1")).isEqualTo("'+1");
        assertThat(AuditCsv.cell("-1")).isEqualTo("'-1");
        assertThat(AuditCsv.cell("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(AuditCsv.cell("\tx")).isEqualTo("'\tx");
        assertThat(AuditCsv.cell("=A1,B1")).isEqualTo("\"'=A1,B1\"");
        assertThat(AuditCsv.cell("a=b")).isEqualTo("a=b");
    }

    @Test
    void theDocumentHasAHeaderAndOneCrlfLinePerRow() {
        var csv =
                AuditCsv.of(
                        List.of(
                                new AuditEventResponse(
                                        7,
                                        Instant.parse("2026-11-24T14:00:00Z"),
                                        "sub-1",
                                        "alex",
                                        "audit.read",
                                        "user=x&page=0&size=50",
                                        3,
                                        null)));
        assertThat(csv)
                .isEqualTo(
                        AuditCsv.HEADER
                                + "\r\n7,2026-11-24T14:00:00Z,sub-1,alex,audit.read,"
                                + "user=x&page=0&size=50,3,\r\n");
    }
}
