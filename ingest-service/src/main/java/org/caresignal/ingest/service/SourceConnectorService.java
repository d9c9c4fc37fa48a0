package org.caresignal.ingest.service;

import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.caresignal.ingest.config.IngestConfig;
import org.caresignal.ingest.domain.Actor;
import org.caresignal.ingest.domain.SilencePolicy;
import org.caresignal.ingest.domain.SourceConnector;
import org.caresignal.ingest.domain.SourceKind;
import org.caresignal.ingest.repository.BrandRepository;
import org.caresignal.ingest.repository.SourceConnectorRepository;
import org.caresignal.ingest.source.InvalidSettingException;

/**
 * Creates, replaces and deletes source connectors after checking them (known kind, existing brand,
 * an http(s) URL, a hashtag for Mastodon, sane intervals); a change of what is polled resets the
 * cursor. Every change, and every poll an operator asks for, is audited under its actor in the same
 * transaction (never with the credential, only whether it was set, replaced or removed).
 */
@ApplicationScoped
public class SourceConnectorService {

    static final Duration MIN_POLL_INTERVAL = Duration.ofSeconds(10);
    private static final Pattern HASHTAG = Pattern.compile("[\\p{L}\\p{N}_]{1,100}");

    private final SourceConnectorRepository connectors;
    private final BrandRepository brands;
    private final IngestConfig config;
    private final StreamSupervisor streams;
    private final CredentialVault vault;
    private final SourceSilenceTracker silences;
    private final AuditLog audit;

    public SourceConnectorService(
            SourceConnectorRepository connectors,
            BrandRepository brands,
            IngestConfig config,
            StreamSupervisor streams,
            CredentialVault vault,
            SourceSilenceTracker silences,
            AuditLog audit) {
        this.silences = silences;
        this.audit = audit;
        this.connectors = connectors;
        this.brands = brands;
        this.config = config;
        this.streams = streams;
        this.vault = vault;
    }

    @Transactional
    public List<SourceConnector> list() {
        return connectors.listByIdOrder();
    }

    @Transactional
    public SourceConnector get(String id) {
        return connectors
                .findByIdOptional(id)
                .orElseThrow(() -> new NotFoundException("no source " + id));
    }

    @Transactional
    public SourceConnector create(SourceDraft draft, Actor actor) {
        check(draft);
        if (connectors.findByIdOptional(draft.id()).isPresent()) {
            throw new ConflictException("source " + draft.id() + " already exists");
        }
        var c = new SourceConnector();
        c.id = draft.id();
        c.createdAt = Instant.now();
        apply(c, draft);
        connectors.persist(c);
        audit.change(
                actor,
                "source.create",
                c.id,
                "kind="
                        + c.kind
                        + ", brand="
                        + c.brandId
                        + ", credential="
                        + (c.storedCredential != null ? "set" : "none")
                        + ", enabled="
                        + c.enabled);
        Log.infof(
                "Source %s (%s) created for brand %s by %s",
                c.id, c.kind, c.brandId, actor.username());
        return c;
    }

    @Transactional
    public SourceConnector replace(SourceDraft draft, Actor actor) {
        check(draft);
        // Locked: a silence the poller reports meanwhile is either seen here or not reported.
        var c = locked(draft.id());
        if (draft.credential() == null
                && c.storedCredential != null
                && (!Objects.equals(c.kind, draft.kind())
                        || !destinations(c.baseUrl).equals(destinations(draft.url())))) {
            // The stored secret was given for that host and kind: it never follows a change.
            throw new InvalidInputException(
                    "credential",
                    "must be given again (or set to \"\" to remove it) when the kind or the"
                            + " url's scheme, host or port changes",
                    null);
        }
        var target = normalisedQuery(draft);
        var changed = changes(c, draft, target);
        if (!Objects.equals(c.kind, draft.kind())
                || !Objects.equals(c.baseUrl, draft.url().strip())
                // A file connector's query is only its replay pace: the file position still holds.
                || (!Objects.equals(c.query, target) && !"file".equals(draft.kind()))) {
            // Another feed or hashtag: the old cursor means nothing there.
            c.cursor = null;
        }
        apply(c, draft);
        if (!c.enabled) {
            // Its reported silence ends with the operator's change, in this transaction.
            silences.endByOperator(c, SilencePolicy.Resolution.DISABLED, c.updatedAt);
        }
        audit.change(
                actor,
                "source.update",
                c.id,
                changed.isEmpty() ? "unchanged" : "changed: " + String.join(", ", changed));
        Log.infof("Source %s (%s) updated by %s", c.id, c.kind, actor.username());
        return c;
    }

    @Transactional
    public void delete(String id, Actor actor) {
        var c = locked(id);
        silences.endByOperator(c, SilencePolicy.Resolution.DELETED, Instant.now());
        connectors.delete(c);
        audit.change(actor, "source.delete", id, "kind=" + c.kind + ", brand=" + c.brandId);
        Log.infof("Source %s deleted by %s", id, actor.username());
    }

    /**
     * Records that an operator asks for a poll of this source now, before it is polled.
     *
     * @throws NotFoundException when there is no such source
     */
    @Transactional
    public void recordPollRequest(String id, Actor actor) {
        var c = get(id);
        audit.change(actor, "source.poll", c.id, null);
    }

    /** The names of the fields this draft changes (the credential only as "credential"). */
    private List<String> changes(SourceConnector c, SourceDraft draft, String query) {
        var changed = new ArrayList<String>();
        if (!Objects.equals(c.kind, draft.kind())) {
            changed.add("kind");
        }
        if (!Objects.equals(c.brandId, draft.brandId())) {
            changed.add("brandId");
        }
        if (!Objects.equals(c.baseUrl, draft.url().strip())) {
            changed.add("url");
        }
        if (!Objects.equals(c.query, query)) {
            changed.add("query");
        }
        if (draft.credential() != null) {
            changed.add(
                    draft.credential().isBlank()
                            ? (c.storedCredential == null
                                    ? "credential (none to remove)"
                                    : "credential removed")
                            : "credential replaced");
        }
        var pollInterval =
                draft.pollInterval() != null
                        ? draft.pollInterval()
                        : config.sources().defaultPollInterval();
        if (pollInterval.toSeconds() != c.pollIntervalSeconds) {
            changed.add("pollInterval");
        }
        var silentAfter =
                draft.silentAfter() != null
                        ? draft.silentAfter()
                        : config.sources().defaultSilentAfter();
        if (silentAfter.toSeconds() != c.silentAfterSeconds) {
            changed.add("silentAfter");
        }
        if ((draft.enabled() == null || draft.enabled()) != c.enabled) {
            changed.add("enabled");
        }
        return changed;
    }

    /**
     * Where a connector's requests go: scheme, host and port of each URL in {@code url} (Jetstream
     * lists several hosts), or the URL itself when it is not one (a replay file).
     */
    static Set<String> destinations(String url) {
        var out = new TreeSet<String>();
        for (var part : url.strip().split("[,\\s]+")) {
            try {
                var uri = new URI(part);
                if (uri.getScheme() == null || uri.getHost() == null) {
                    out.add(part);
                    continue;
                }
                var scheme = uri.getScheme().toLowerCase(Locale.ROOT);
                int port = uri.getPort();
                if (port < 0) {
                    port = scheme.equals("https") || scheme.equals("wss") ? 443 : 80;
                }
                out.add(scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + ":" + port);
            } catch (URISyntaxException e) {
                out.add(part);
            }
        }
        return out;
    }

    private SourceConnector locked(String id) {
        return connectors
                .findByIdOptional(id, LockModeType.PESSIMISTIC_WRITE)
                .orElseThrow(() -> new NotFoundException("no source " + id));
    }

    private void apply(SourceConnector c, SourceDraft draft) {
        c.kind = draft.kind();
        c.brandId = draft.brandId();
        c.baseUrl = draft.url().strip();
        c.query = normalisedQuery(draft);
        if (draft.credential() != null) {
            c.storedCredential =
                    draft.credential().isBlank()
                            ? null
                            : vault.seal(c.id, draft.credential().strip());
        }
        c.pollIntervalSeconds =
                (int)
                        (draft.pollInterval() != null
                                        ? draft.pollInterval()
                                        : config.sources().defaultPollInterval())
                                .toSeconds();
        c.silentAfterSeconds =
                (draft.silentAfter() != null
                                ? draft.silentAfter()
                                : config.sources().defaultSilentAfter())
                        .toSeconds();
        c.enabled = draft.enabled() == null || draft.enabled();
        c.updatedAt = Instant.now();
    }

    private static String normalisedQuery(SourceDraft draft) {
        if (draft.query() == null || draft.query().isBlank()) {
            return null;
        }
        var q = draft.query().strip();
        return "mastodon".equals(draft.kind()) && q.startsWith("#") ? q.substring(1) : q;
    }

    private void check(SourceDraft draft) {
        var kind = SourceKind.of(draft.kind());
        if (kind.isEmpty()) {
            throw new InvalidInputException(
                    "kind",
                    "must be one of rss, mastodon, reddit, x, bluesky, jetstream, file",
                    null);
        }
        if (brands.findByIdOptional(draft.brandId()).isEmpty()) {
            throw new InvalidInputException("brandId", "no brand " + draft.brandId(), null);
        }
        var stream = streams.source(kind.get());
        if (stream.isPresent()) {
            // Jetstream (wss:// hosts) and file replay (a file and its replay options) check their
            // own.
            try {
                stream.get().validate(draft.url(), draft.query());
            } catch (InvalidSettingException e) {
                throw new InvalidInputException(e.field(), e.getMessage(), null);
            }
        } else {
            try {
                var uri = new URI(draft.url().strip());
                if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
                        || uri.getHost() == null) {
                    throw new InvalidInputException("url", "must be an absolute http(s) URL", null);
                }
            } catch (URISyntaxException e) {
                throw new InvalidInputException("url", "must be an absolute http(s) URL", null);
            }
        }
        if (kind.get() == SourceKind.MASTODON) {
            var tag = normalisedQuery(draft);
            if (tag == null || !HASHTAG.matcher(tag).matches()) {
                throw new InvalidInputException(
                        "query",
                        "the hashtag to follow (letters, digits, _), e.g. MercyGeneral",
                        null);
            }
        }
        if (kind.get() == SourceKind.REDDIT) {
            var q = normalisedQuery(draft);
            if (q == null || q.length() > 512) {
                throw new InvalidInputException(
                        "query", "the Reddit search query (1 to 512 characters)", null);
            }
            if (draft.credential() != null
                    && !draft.credential().isBlank()
                    && !draft.credential().strip().matches("[^:\\s]+:[^\\s]+")) {
                throw new InvalidInputException(
                        "credential", "must be client_id:client_secret", null);
            }
        }
        if (kind.get() == SourceKind.BLUESKY) {
            var q = normalisedQuery(draft);
            if (q == null || q.length() > 1024) {
                throw new InvalidInputException(
                        "query", "the Bluesky search query (1 to 1024 characters)", null);
            }
            if (draft.credential() != null
                    && !draft.credential().isBlank()
                    && !draft.credential().strip().matches("[^:\\s]+:[^\\s]+")) {
                throw new InvalidInputException("credential", "must be handle:app-password", null);
            }
        }
        if (kind.get() == SourceKind.X) {
            var q = normalisedQuery(draft);
            if (q == null || q.length() > 4096) {
                throw new InvalidInputException(
                        "query", "the X search query (1 to 4096 characters)", null);
            }
        }
        if (draft.pollInterval() != null && draft.pollInterval().compareTo(MIN_POLL_INTERVAL) < 0) {
            throw new InvalidInputException("pollInterval", "must be at least PT10S", null);
        }
        if (draft.silentAfter() != null
                && draft.silentAfter().compareTo(Duration.ofSeconds(1)) < 0) {
            throw new InvalidInputException("silentAfter", "must be at least PT1S", null);
        }
    }
}
