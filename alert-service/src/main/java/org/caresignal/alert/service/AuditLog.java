package org.caresignal.alert.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.List;
import org.caresignal.alert.domain.Actor;
import org.caresignal.alert.repository.AuditEventRepository;
import org.caresignal.alert.repository.AuditEventRepository.AuditEvent;
import org.caresignal.alert.repository.AuditEventRepository.Filter;

/**
 * Writes the audit log (who changed or read what, under their verified identity) in the caller's
 * transaction, so a change and its audit row commit or fail together; and reads it back for admins.
 */
@ApplicationScoped
public class AuditLog {

    /** Longest target kept (the column's size). */
    static final int MAX_TARGET = 2000;

    /** Longest detail kept: a short description, never a secret or post text. */
    static final int MAX_DETAIL = 1000;

    /** One page of the log and how many rows match in all. */
    public record Page(List<AuditEvent> items, long total) {}

    private final AuditEventRepository repository;
    private final Clock clock = Clock.systemUTC();

    public AuditLog(AuditEventRepository repository) {
        this.repository = repository;
    }

    /**
     * Records a change by {@code actor} (no row count); must run inside the change's transaction.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void change(Actor actor, String action, String target, String detail) {
        write(actor, action, target, null, detail);
    }

    /**
     * Records a read by {@code actor} of {@code rowCount} rows matching {@code target}; must run in
     * the read's transaction, so that the read fails when its audit row cannot be written.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void read(Actor actor, String action, String target, int rowCount) {
        write(actor, action, target, rowCount, null);
    }

    /** The page of rows matching {@code filter}, newest first. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Page search(Filter filter, int page, int size) {
        return new Page(
                repository.search(filter, (long) page * size, size), repository.count(filter));
    }

    private void write(Actor actor, String action, String target, Integer rowCount, String detail) {
        repository.insert(
                clock.instant(),
                actor.subject(),
                actor.username(),
                action,
                cut(target, MAX_TARGET),
                rowCount,
                cut(detail, MAX_DETAIL));
    }

    private static String cut(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
