package org.caresignal.alert.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.caresignal.alert.domain.Actor;
import org.caresignal.alert.domain.digest.DigestCadence;
import org.caresignal.alert.domain.digest.DigestSettings;
import org.caresignal.alert.domain.digest.DigestSubscription;
import org.caresignal.alert.repository.DigestSubscriptionRepository;

/**
 * An admin's changes to digest subscriptions, each audited in its own transaction (the audit row
 * names the brand, cadence, schedule and the number of recipients, never the addresses).
 */
@ApplicationScoped
public class DigestSubscriptionService {

    /** A save's outcome: the stored subscription and whether it was created. */
    public record Saved(DigestSubscription subscription, boolean created) {}

    private final DigestSubscriptionRepository repository;
    private final AuditLog audit;
    private final Clock clock;

    public DigestSubscriptionService(
            DigestSubscriptionRepository repository, AuditLog audit, Clock clock) {
        this.repository = repository;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional
    public List<DigestSubscription> ofBrand(String brandId) {
        return repository.ofBrand(brandId);
    }

    @Transactional
    public Optional<DigestSubscription> find(String brandId, DigestCadence cadence) {
        return repository.find(brandId, cadence);
    }

    @Transactional
    public Saved save(Actor actor, String brandId, DigestCadence cadence, DigestSettings settings) {
        var now = clock.instant();
        var before = repository.find(brandId, cadence);
        // A moved schedule starts afresh: the period it now falls into may be past already.
        var restart =
                before.map(
                                b ->
                                        b.dayOfWeek() != settings.dayOfWeek()
                                                || !b.sendAt().equals(settings.sendAt())
                                                || (!b.enabled() && settings.enabled()))
                        .orElse(true);
        var created = repository.save(brandId, cadence, settings, now, restart);
        audit.change(
                actor,
                created ? "digest.create" : "digest.update",
                target(brandId, cadence),
                describe(cadence, settings));
        return new Saved(repository.find(brandId, cadence).orElseThrow(), created);
    }

    @Transactional
    public boolean delete(Actor actor, String brandId, DigestCadence cadence) {
        if (!repository.delete(brandId, cadence)) {
            return false;
        }
        audit.change(actor, "digest.delete", target(brandId, cadence), null);
        return true;
    }

    private static String target(String brandId, DigestCadence cadence) {
        return brandId + "/" + cadence.name();
    }

    private static String describe(DigestCadence cadence, DigestSettings s) {
        return cadence.name()
                + (s.dayOfWeek() == null ? "" : " on " + s.dayOfWeek().name())
                + " at "
                + s.sendAt()
                + " to "
                + s.recipients().size()
                + " recipient(s)"
                + (s.internal() ? ", internal (with excerpts)" : ", external (no post text)")
                + (s.enabled() ? "" : ", disabled");
    }
}
