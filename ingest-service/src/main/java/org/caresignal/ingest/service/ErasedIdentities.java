package org.caresignal.ingest.service;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.caresignal.ingest.config.IngestConfig;
import org.caresignal.ingest.domain.IdentityHashes;
import org.caresignal.ingest.repository.ErasureRepository;

/**
 * The keyed hashes of a post's identity (with the pseudonym key) and the check every intake path
 * makes: a post whose own hash, URL hash or author hash was erased is refused, and counted in
 * {@code caresignal_erased_refused_total{source}}.
 */
@ApplicationScoped
public class ErasedIdentities {

    private final IdentityHashes hashes;
    private final ErasureRepository erasures;
    private final MeterRegistry registry;

    public ErasedIdentities(
            IngestConfig config, ErasureRepository erasures, MeterRegistry registry) {
        this.erasures = erasures;
        this.registry = registry;
        var key = config.privacy().pseudonymKey().filter(k -> !k.isBlank());
        if (key.isPresent()) {
            this.hashes = new IdentityHashes(key.get().getBytes(StandardCharsets.UTF_8));
        } else {
            // As with the pseudonyms (PrivacyGuard): without a key, erased identities are only
            // recognised until the next restart.
            Log.warn(
                    "INGEST_PSEUDONYM_KEY is not set: erased posts are recognised by a per-process"
                            + " key and no longer refused after a restart");
            var random = new byte[32];
            new SecureRandom().nextBytes(random);
            this.hashes = new IdentityHashes(random);
        }
    }

    public IdentityHashes hashes() {
        return hashes;
    }

    /** What identifies a post for the erasure check; any part may be null. */
    public record PostIdentity(
            String source, String externalId, String url, String authorPseudonym) {}

    /**
     * Whether the post was erased: by itself (source and external id), its URL or its author's
     * pseudonym. A refusal is counted per source.
     */
    public boolean refuses(String source, String externalId, String url, String authorPseudonym) {
        return refusesEach(List.of(new PostIdentity(source, externalId, url, authorPseudonym)))[0];
    }

    /**
     * {@link #refuses} for a batch of posts with one query: element i says whether post i is
     * refused.
     */
    public boolean[] refusesEach(List<PostIdentity> posts) {
        var candidates = new ArrayList<List<String>>(posts.size());
        var all = new HashSet<String>();
        for (var post : posts) {
            var own = new ArrayList<String>(3);
            addIfPresent(own, hashes.post(post.source(), post.externalId()));
            addIfPresent(own, hashes.url(post.url()));
            addIfPresent(own, hashes.author(post.authorPseudonym()));
            candidates.add(own);
            all.addAll(own);
        }
        var erasedHashes = erasures.erasedAmong(all);
        var refused = new boolean[posts.size()];
        if (erasedHashes.isEmpty()) {
            return refused;
        }
        for (int i = 0; i < posts.size(); i++) {
            if (candidates.get(i).stream().anyMatch(erasedHashes::contains)) {
                refused[i] = true;
                var source = posts.get(i).source();
                registry.counter("caresignal.erased.refused", "source", source).increment();
                Log.debugf("A post from %s was erased on request before; refused", source);
            }
        }
        return refused;
    }

    private static void addIfPresent(ArrayList<String> list, String value) {
        if (value != null) {
            list.add(value);
        }
    }
}
