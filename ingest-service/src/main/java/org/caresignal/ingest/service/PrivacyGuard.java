package org.caresignal.ingest.service;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import org.caresignal.ingest.config.IngestConfig;
import org.caresignal.ingest.domain.Pseudonymizer;
import org.caresignal.ingest.domain.Redactor;

/**
 * Applies the privacy rules to every accepted post: redacts its text (identifiers and people's
 * names; staff names kept only for a brand that keeps them), pseudonymizes its author's handle with
 * the configured key and keeps the display name only when configured, redacted like the text.
 */
@ApplicationScoped
public class PrivacyGuard {

    private final Pseudonymizer pseudonymizer;
    private final boolean keepDisplayNames;
    private final MeterRegistry registry;
    private final BrandCatalog brands;

    public PrivacyGuard(IngestConfig config, MeterRegistry registry, BrandCatalog brands) {
        this.registry = registry;
        this.brands = brands;
        this.keepDisplayNames = config.privacy().keepDisplayNames();
        var key = config.privacy().pseudonymKey().filter(k -> !k.isBlank());
        if (key.isPresent()) {
            this.pseudonymizer = new Pseudonymizer(key.get().getBytes(StandardCharsets.UTF_8));
        } else {
            // Still pseudonymous, but the same author gets another pseudonym after a restart.
            Log.warn(
                    "caresignal.ingest.privacy.pseudonym-key (INGEST_PSEUDONYM_KEY) is not set; using"
                            + " a random key for this process");
            var random = new byte[32];
            new SecureRandom().nextBytes(random);
            this.pseudonymizer = new Pseudonymizer(random);
        }
    }

    /** The post's text with identifiers replaced by placeholders; counts what was replaced. */
    public Redactor.Result redact(String text) {
        var result = Redactor.redact(text);
        result.counts()
                .forEach(
                        (kind, n) ->
                                registry.counter("caresignal.redactions", "kind", kind.name())
                                        .increment(n));
        return result;
    }

    /**
     * The redacted text to publish for one brand: with staff names ("Nurse Kelly") when the brand
     * keeps them, else with {@code [STAFF]}; private individuals' names are {@code [NAME]} always.
     */
    public String textFor(Redactor.Result redacted, String brandId) {
        return redacted.text(brands.keepsStaffNames(brandId));
    }

    public String pseudonym(String source, String handle) {
        return pseudonymizer.pseudonym(source, handle);
    }

    /**
     * The display name to keep: none unless configured, and redacted even then (a display name that
     * is a person's name becomes {@code [NAME]}).
     */
    public String displayName(String name) {
        if (!keepDisplayNames || name == null || name.isBlank()) {
            return null;
        }
        var redacted = Redactor.redact(name.strip()).text();
        return redacted.length() > 200 ? redacted.substring(0, 200) : redacted;
    }
}
