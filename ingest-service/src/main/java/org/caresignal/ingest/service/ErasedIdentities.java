package org.caresignal.ingest.service;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
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

    /**
     * Whether the post was erased: by itself (source and external id), its URL or its author's
     * pseudonym. A refusal is counted per source.
     */
    public boolean refuses(String source, String externalId, String url, String authorPseudonym) {
        var candidates = new ArrayList<String>(3);
        addIfPresent(candidates, hashes.post(source, externalId));
        addIfPresent(candidates, hashes.url(url));
        addIfPresent(candidates, hashes.author(authorPseudonym));
        if (!erasures.anyErased(candidates)) {
            return false;
        }
        registry.counter("caresignal.erased.refused", "source", source).increment();
        Log.debugf("A post from %s was erased on request before; refused", source);
        return true;
    }

    private static void addIfPresent(ArrayList<String> list, String value) {
        if (value != null) {
            list.add(value);
        }
    }
}
