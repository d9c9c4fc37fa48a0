package org.caresignal.alert.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.caresignal.alert.domain.Actor;

/**
 * Records in alert-service's audit log that post text left through the console (a CSV export of the
 * explorer's filter, a brand's corrections file), under the signed-in person, before the file is
 * sent; sentiment-service audits the same read on its side.
 */
@ApplicationScoped
public class ConsoleExportAudit {

    private final AuditLog audit;

    public ConsoleExportAudit(AuditLog audit) {
        this.audit = audit;
    }

    /** {@code rows} rows matching {@code target} were exported by {@code actor}. */
    @Transactional
    public void exported(Actor actor, String action, String target, int rows) {
        audit.read(actor, action, target, rows);
    }
}
