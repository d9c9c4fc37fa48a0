package org.caresignal.ingest.rest;

import java.util.List;
import org.caresignal.ingest.domain.AuditEvent;

/**
 * Audit rows as CSV (RFC 4180: a header line, CRLF line ends, fields quoted when they hold a comma,
 * a quote or a line break), with cells that a spreadsheet would run as a formula (starting with =,
 * +, -, @, a tab or a carriage return) prefixed with an apostrophe.
 */
final class AuditCsv {

    static final String HEADER = "id,occurredAt,subject,username,action,target,rowCount,detail";

    private AuditCsv() {}

    static String of(List<AuditEvent> events) {
        var sb = new StringBuilder(HEADER).append("\r\n");
        for (var e : events) {
            sb.append(e.id)
                    .append(',')
                    .append(cell(e.occurredAt == null ? null : e.occurredAt.toString()))
                    .append(',')
                    .append(cell(e.subject))
                    .append(',')
                    .append(cell(e.username))
                    .append(',')
                    .append(cell(e.action))
                    .append(',')
                    .append(cell(e.target))
                    .append(',')
                    .append(e.rowCount == null ? "" : e.rowCount.toString())
                    .append(',')
                    .append(cell(e.detail))
                    .append("\r\n");
        }
        return sb.toString();
    }

    /** One field: neutralised against formula injection, then quoted if it must be. */
    static String cell(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        var v = value;
        if ("=+-@\t\r".indexOf(v.charAt(0)) >= 0) {
            v = "'" + v;
        }
        if (v.indexOf(',') >= 0
                || v.indexOf('"') >= 0
                || v.indexOf('\n') >= 0
                || v.indexOf('\r') >= 0) {
            return '"' + v.replace("\"", "\"\"") + '"';
        }
        return v;
    }
}
