package org.caresignal.alert.rest;

import java.util.List;

/**
 * The audit log as CSV (RFC 4180: CRLF lines, quoted where needed, quotes doubled); a cell a
 * spreadsheet would read as a formula (starting with =, +, -, @, tab or CR) is prefixed with a
 * single quote.
 */
final class AuditCsv {

    static final String HEADER = "id,occurredAt,subject,username,action,target,rowCount,detail";

    private AuditCsv() {}

    static String of(List<AuditEventResponse> rows) {
        var out = new StringBuilder(HEADER).append("\r\n");
        for (var r : rows) {
            out.append(r.id())
                    .append(',')
                    .append(cell(r.occurredAt() == null ? null : r.occurredAt().toString()))
                    .append(',')
                    .append(cell(r.subject()))
                    .append(',')
                    .append(cell(r.username()))
                    .append(',')
                    .append(cell(r.action()))
                    .append(',')
                    .append(cell(r.target()))
                    .append(',')
                    .append(r.rowCount() == null ? "" : r.rowCount().toString())
                    .append(',')
                    .append(cell(r.detail()))
                    .append("\r\n");
        }
        return out.toString();
    }

    static String cell(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        var safe = "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        if (safe.indexOf(',') >= 0
                || safe.indexOf('"') >= 0
                || safe.indexOf('\n') >= 0
                || safe.indexOf('\r') >= 0) {
            return '"' + safe.replace("\"", "\"\"") + '"';
        }
        return safe;
    }
}
