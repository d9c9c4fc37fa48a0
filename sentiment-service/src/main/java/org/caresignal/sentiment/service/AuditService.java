package org.caresignal.sentiment.service;

import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.caresignal.sentiment.domain.Actor;
import org.caresignal.sentiment.domain.AuditEvent;
import org.caresignal.sentiment.repository.AuditEventRepository;

/**
 * Writes and reads the audit log. A write joins the caller's transaction when there is one (a
 * change and its row commit together) and otherwise commits on its own before returning, so a read
 * of post text can send its body only once its row is stored; a failed write throws.
 */
@ApplicationScoped
public class AuditService {

    private static final String CUT = "...";

    private final AuditEventRepository repository;

    public AuditService(AuditEventRepository repository) {
        this.repository = repository;
    }

    /** A page of audit events, newest first, and how many match in total. */
    public record AuditPage(List<AuditEvent> events, long total) {}

    /**
     * Appends one event. {@code target} longer than the column is cut and marked; {@code rowCount}
     * is null for changes.
     */
    @Transactional
    public AuditEvent record(
            Actor actor, String action, String target, Integer rowCount, String detail) {
        var event = new AuditEvent();
        event.occurredAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        event.subject = actor.subject();
        event.username = actor.username();
        event.action = action;
        event.target = cut(target, AuditEvent.MAX_TARGET);
        event.rowCount = rowCount;
        event.detail = detail;
        repository.persist(event);
        repository.flush();
        Log.debugf("Audit %s by %s on %s", action, actor.username(), event.target);
        return event;
    }

    @Transactional
    public AuditPage search(AuditEventRepository.Filter filter, int page, int size) {
        return new AuditPage(
                repository.search(filter, page, size), repository.countMatching(filter));
    }

    private static String cut(String text, int max) {
        if (text == null || text.length() <= max) {
            return text;
        }
        return text.substring(0, max - CUT.length()) + CUT;
    }
}
