package org.caresignal.ingest.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.caresignal.ingest.client.ErasureMatchClient;
import org.caresignal.ingest.client.ErasureMatchQuery;
import org.caresignal.ingest.client.ErasureMatches;
import org.caresignal.ingest.config.IngestConfig;
import org.caresignal.ingest.domain.Actor;
import org.caresignal.ingest.domain.Erasure;
import org.caresignal.ingest.domain.ErasureKind;
import org.caresignal.ingest.domain.MentionIds;
import org.caresignal.ingest.domain.OutboxEvent;
import org.caresignal.ingest.event.ErasureConfirmed;
import org.caresignal.ingest.event.MentionErased;
import org.caresignal.ingest.repository.ErasureRepository;
import org.caresignal.ingest.repository.IngestedMentionRepository;
import org.caresignal.ingest.repository.IngestedMentionRepository.Match;
import org.caresignal.ingest.repository.OutboxRepository;

/**
 * Erasure on request: finds the mentions an admin's criteria match (here by URL hash, post id or
 * author pseudonym; through sentiment-service for a phrase or a URL stored before URL hashes), and
 * in one transaction records the erasure, the erased-identity hashes intake refuses from then on,
 * blanks the mentions' identifiers, drops their unsent outbox events and writes MentionErased to
 * the outbox; then follows the services' confirmations.
 */
@ApplicationScoped
public class ErasureService {

    /** The services that must confirm an erasure before it is CONFIRMED. */
    public static final List<String> CONFIRMING = List.of("sentiment-service", "alert-service");

    /** An erasure with the confirmations received so far. */
    public record Report(Erasure erasure, List<ErasureRepository.Confirmation> confirmations) {

        /** CONFIRMED once every confirming service confirmed, or when nothing was to erase. */
        public boolean confirmed() {
            return erasure.mentionCount == 0
                    || CONFIRMING.stream()
                            .allMatch(
                                    s ->
                                            confirmations.stream()
                                                    .anyMatch(c -> c.service().equals(s)));
        }
    }

    /** One page of erasures, newest first, and how many there are. */
    public record Page(List<Report> items, long total) {}

    private record Resolution(Map<UUID, String> mentions, Map<String, String> identities) {}

    private final IngestedMentionRepository mentions;
    private final ErasureRepository erasures;
    private final OutboxRepository outbox;
    private final ErasedIdentities identities;
    private final PrivacyGuard privacy;
    private final AuditLog audit;
    private final ErasureMatchClient sentiment;
    private final IngestConfig config;
    private final ObjectMapper mapper;
    private final Clock clock;

    public ErasureService(
            IngestedMentionRepository mentions,
            ErasureRepository erasures,
            OutboxRepository outbox,
            ErasedIdentities identities,
            PrivacyGuard privacy,
            AuditLog audit,
            ErasureMatchClient sentiment,
            IngestConfig config,
            ObjectMapper mapper,
            Clock clock) {
        this.mentions = mentions;
        this.erasures = erasures;
        this.outbox = outbox;
        this.identities = identities;
        this.privacy = privacy;
        this.audit = audit;
        this.sentiment = sentiment;
        this.config = config;
        this.mapper = mapper;
        this.clock = clock;
    }

    /**
     * How many mentions the criteria match, changing nothing; audited as {@code erasure.preview}
     * with the kind and the count only.
     *
     * @param authorization the caller's bearer token, passed on to sentiment-service
     */
    public int preview(ErasureCriteria criteria, Actor actor, String authorization) {
        var remote = remoteMatches(criteria, authorization);
        return QuarkusTransaction.requiringNew()
                .call(
                        () -> {
                            var resolution = resolve(criteria, remote);
                            int count = resolution.mentions().size();
                            audit.change(
                                    actor,
                                    "erasure.preview",
                                    criteria.by().name(),
                                    "matches=" + count);
                            return count;
                        });
    }

    /**
     * Erases what the criteria match, in one transaction; audited as {@code erasure.create} with
     * the erasure id, kind and count only.
     *
     * @throws TooManyMatchesException when more mentions match than one erasure may name
     */
    public Report erase(ErasureCriteria criteria, Actor actor, String authorization) {
        var remote = remoteMatches(criteria, authorization);
        return QuarkusTransaction.requiringNew().call(() -> eraseNow(criteria, remote, actor));
    }

    private Report eraseNow(ErasureCriteria criteria, List<UUID> remote, Actor actor) {
        var resolution = resolve(criteria, remote);
        var max = config.erasure().maxMentions();
        if (resolution.mentions().size() > max) {
            throw new TooManyMatchesException(max);
        }
        var now = Instant.now(clock);
        var erasure = new Erasure();
        erasure.id = UUID.randomUUID();
        erasure.kind = criteria.by();
        erasure.requestedBySubject = actor.subject();
        erasure.requestedBy = actor.username();
        erasure.requestedAt = now;
        erasure.mentionCount = resolution.mentions().size();
        erasures.persist(erasure);
        erasures.flush();
        resolution
                .identities()
                .forEach((hash, kind) -> erasures.addIdentity(hash, kind, erasure.id, now));
        resolution
                .mentions()
                .forEach((mentionId, brand) -> erasures.addMention(erasure.id, mentionId, brand));
        var ids = resolution.mentions().keySet();
        mentions.blankIdentifiers(ids);
        int dropped = outbox.deleteUnsentMentions(config.outbox().topic(), ids);
        if (!ids.isEmpty()) {
            var event =
                    new MentionErased(
                            UUID.randomUUID(),
                            MentionErased.TYPE,
                            MentionErased.VERSION,
                            now,
                            erasure.id,
                            MentionErased.REASON_REQUEST,
                            resolution.mentions().entrySet().stream()
                                    .map(
                                            e ->
                                                    new MentionErased.ErasedMention(
                                                            e.getKey(), e.getValue()))
                                    .toList());
            var row = new OutboxEvent();
            row.eventId = event.eventId();
            row.topic = config.erasure().topic();
            row.key = erasure.id.toString();
            row.payload = toJson(event);
            row.createdAt = now;
            outbox.persist(row);
        }
        audit.change(
                actor,
                "erasure.create",
                erasure.id.toString(),
                "kind=" + erasure.kind + " mentions=" + erasure.mentionCount);
        Log.infof(
                "Erasure %s (%s): %d mentions erased, %d unsent events dropped, %d identities"
                        + " refused from now on",
                erasure.id,
                erasure.kind,
                erasure.mentionCount,
                dropped,
                resolution.identities().size());
        return new Report(erasure, List.of());
    }

    /** The erasure with its confirmations. */
    @Transactional
    public Optional<Report> report(UUID id) {
        return erasures.findByIdOptional(id).map(e -> new Report(e, erasures.confirmations(e.id)));
    }

    /** One page of erasures, newest first. */
    @Transactional
    public Page list(int page, int size) {
        var items =
                erasures.newestFirst(page, size).stream()
                        .map(e -> new Report(e, erasures.confirmations(e.id)))
                        .toList();
        return new Page(items, erasures.count());
    }

    /**
     * Stores a service's confirmation (again, unchanged in effect, for a repeated copy); false when
     * the erasure is not known here.
     */
    @Transactional
    public boolean confirm(ErasureConfirmed event) {
        var deliveries = event.deliveries() == null ? List.of() : event.deliveries();
        var confirmedAt = event.occurredAt() == null ? Instant.now(clock) : event.occurredAt();
        String json;
        try {
            json = mapper.writeValueAsString(deliveries);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        var stored =
                erasures.upsertConfirmation(
                        event.erasureId(), event.service(), confirmedAt, event.erased(), json);
        if (stored) {
            Log.infof(
                    "Erasure %s confirmed by %s (%d erased)",
                    event.erasureId(), event.service(), event.erased());
        } else {
            Log.debugf("Confirmation of unknown erasure %s ignored", event.erasureId());
        }
        return stored;
    }

    /**
     * The mention ids sentiment-service matches, asked before any transaction begins (it holds the
     * text ingest does not keep): for a phrase always, for a URL only while rows stored before URL
     * hashes exist.
     */
    private List<UUID> remoteMatches(ErasureCriteria criteria, String authorization) {
        ErasureMatchQuery query;
        if (criteria.by() == ErasureKind.PHRASE) {
            query =
                    new ErasureMatchQuery(
                            criteria.brandId(),
                            criteria.phrase(),
                            criteria.from(),
                            criteria.to(),
                            null);
        } else if (criteria.by() == ErasureKind.URL
                && QuarkusTransaction.requiringNew().call(mentions::hasRowsWithoutUrlHashes)) {
            query = new ErasureMatchQuery(null, null, null, null, criteria.url());
        } else {
            return List.of();
        }
        ErasureMatches answer;
        try {
            answer = sentiment.match(authorization, query);
        } catch (RuntimeException e) {
            // Whatever failed (refused, unreachable, timed out), nothing is erased half-way.
            Log.warnf("sentiment-service did not answer an erasure match: %s", e.toString());
            throw new MatchesUnavailableException(
                    "sentiment-service, which holds the text to match, did not answer; nothing"
                            + " was erased, try again");
        }
        if (answer == null || answer.mentionIds() == null) {
            return List.of();
        }
        return answer.mentionIds();
    }

    private Resolution resolve(ErasureCriteria criteria, List<UUID> remote) {
        var hashes = identities.hashes();
        int limit = config.erasure().maxMentions() + 1;
        var found = new ArrayList<Match>();
        var identityHashes = new LinkedHashMap<String, String>();
        switch (criteria.by()) {
            case URL -> {
                var urlHash = hashes.url(criteria.url());
                identityHashes.put(urlHash, ErasureKind.URL.name());
                found.addAll(mentions.byUrlHash(urlHash, limit));
            }
            case POST -> {
                var externalId = SourcePostIntake.externalId(criteria.externalId());
                identityHashes.put(
                        hashes.post(criteria.source(), externalId), ErasureKind.POST.name());
                found.addAll(mentions.byPost(MentionIds.of(criteria.source(), externalId), limit));
            }
            case AUTHOR -> {
                var pseudonym = privacy.pseudonym(criteria.source(), criteria.handle());
                identityHashes.put(hashes.author(pseudonym), ErasureKind.AUTHOR.name());
                found.addAll(mentions.byAuthor(pseudonym, criteria.brandId(), limit));
            }
            case PHRASE -> {
                // Identities of the matched posts only: a phrase names no post of the future.
            }
        }
        var byId = new LinkedHashMap<UUID, String>();
        found.forEach(m -> byId.put(m.mentionId(), m.brandId()));
        if (!remote.isEmpty()) {
            var wanted = new LinkedHashSet<>(remote);
            wanted.removeAll(byId.keySet());
            var local = wanted.size() > limit ? List.<Match>of() : mentions.byIds(wanted);
            local.forEach(
                    m -> {
                        found.add(m);
                        byId.put(m.mentionId(), m.brandId());
                    });
            if (criteria.by() == ErasureKind.PHRASE) {
                // A mention ingest no longer records (past its retention) still has its brand.
                wanted.forEach(id -> byId.putIfAbsent(id, criteria.brandId()));
            }
        }
        for (var m : found) {
            // Every matched post is refused when it comes back, by itself and by its URL.
            var post = hashes.post(m.source(), m.externalId());
            if (post != null) {
                identityHashes.putIfAbsent(post, ErasureKind.POST.name());
            }
            if (m.urlHash() != null) {
                identityHashes.putIfAbsent(m.urlHash(), ErasureKind.URL.name());
            }
        }
        identityHashes.remove(null);
        return new Resolution(byId, identityHashes);
    }

    private String toJson(Object event) {
        try {
            return mapper.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
