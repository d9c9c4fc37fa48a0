package org.caresignal.ingest.service;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Optional;
import org.caresignal.ingest.config.IngestConfig;
import org.caresignal.ingest.domain.SecretCipher;
import org.caresignal.ingest.domain.SourceConnector;
import org.caresignal.ingest.repository.SourceConnectorRepository;
import org.caresignal.ingest.source.Credentials;
import org.caresignal.ingest.source.SourceFailure;

/**
 * Seals source credentials before they are stored and opens them for the connectors, with the key
 * ring of {@code INGEST_SECRETS_KEYS}; at start it encrypts plain-text credentials left by older
 * versions and re-seals those under an older key.
 */
@ApplicationScoped
public class CredentialVault implements Credentials {

    static final String ENV = "INGEST_SECRETS_KEYS";

    private final SourceConnectorRepository connectors;
    private final SecretCipher cipher;

    @Inject
    public CredentialVault(SourceConnectorRepository connectors, IngestConfig config) {
        this(connectors, config.secrets().keys(), LaunchMode.current() == LaunchMode.NORMAL);
    }

    /** For tests: {@code production} is whether a missing key is refused. */
    CredentialVault(
            SourceConnectorRepository connectors, Optional<String> keys, boolean production) {
        this.connectors = connectors;
        if (keys.isPresent()) {
            try {
                cipher = SecretCipher.parse(keys.get());
            } catch (SecretCipher.InvalidKeyRingException e) {
                throw new IllegalStateException(ENV + " is unusable: " + e.getMessage());
            }
            Log.infof(
                    "Source credentials are sealed with key '%s' (key ring %s)",
                    cipher.currentKeyId(), cipher.keyIds());
        } else if (production) {
            cipher = null;
            Log.warnf(
                    "%s is not set: source credentials cannot be stored (set a key ring, see"
                            + " docs/operations.md)",
                    ENV);
        } else {
            // Development and tests: a key for this process only; its values do not survive it.
            cipher = SecretCipher.generated("runtime");
            Log.warnf("%s is not set: using a random key for this process", ENV);
        }
    }

    static String context(String connectorId) {
        return "source_connector.credential:" + connectorId;
    }

    /**
     * The stored form of a credential for connector {@code connectorId}.
     *
     * @throws SecretsUnavailableException in production when no key ring is configured
     */
    public String seal(String connectorId, String credential) {
        if (cipher == null) {
            throw new SecretsUnavailableException(
                    "credentials cannot be stored: the service has no encryption key ("
                            + ENV
                            + ")");
        }
        return cipher.seal(credential, context(connectorId));
    }

    /**
     * The connector's credential in clear, or null when it has none.
     *
     * @throws SourceFailure (CREDENTIAL) when the stored value cannot be opened, so that the
     *     connector reports it in its health instead of polling with a wrong credential
     */
    @Override
    public String credential(SourceConnector connector) {
        var stored = connector.storedCredential;
        if (stored == null || !SecretCipher.isSealed(stored)) {
            // Plain text left by an older version until the next start seals it.
            return stored;
        }
        if (cipher == null) {
            throw SourceFailure.withHint(
                    SourceFailure.Kind.CREDENTIAL,
                    "the stored credential cannot be read: " + ENV + " is not set");
        }
        try {
            return cipher.open(stored, context(connector.id));
        } catch (SecretCipher.UnreadableSecretException e) {
            throw SourceFailure.withHint(SourceFailure.Kind.CREDENTIAL, e.getMessage());
        }
    }

    /** What one pass over the stored credentials did. */
    public record SealReport(int stored, int sealed, int resealed, int unreadable) {}

    void onStart(@Observes StartupEvent start) {
        sealStoredCredentials();
    }

    /**
     * Seals plain-text credentials and re-seals those under an older key, in its own transaction;
     * idempotent (run at every start).
     *
     * @throws IllegalStateException in production when credentials are stored and no key is set
     */
    public SealReport sealStoredCredentials() {
        return QuarkusTransaction.requiringNew().call(this::sealAll);
    }

    SealReport sealAll() {
        var rows = connectors.storedCredentials();
        if (rows.isEmpty()) {
            return new SealReport(0, 0, 0, 0);
        }
        if (cipher == null) {
            throw new IllegalStateException(
                    rows.size()
                            + " source connector(s) have a stored credential but "
                            + ENV
                            + " is not set: refusing to start. Set the key ring the credentials"
                            + " were sealed with (keyId=base64key, see docs/operations.md).");
        }
        int sealed = 0;
        int resealed = 0;
        int unreadable = 0;
        for (var row : rows) {
            var id = row.id();
            var stored = row.credential();
            try {
                String next;
                if (!SecretCipher.isSealed(stored)) {
                    next = cipher.seal(stored, context(id));
                    sealed++;
                } else if (!cipher.isCurrent(stored)) {
                    next = cipher.seal(cipher.open(stored, context(id)), context(id));
                    resealed++;
                } else {
                    continue;
                }
                // Only if nobody changed it meanwhile (another instance starting, an API write).
                connectors.replaceCredential(id, stored, next);
            } catch (SecretCipher.UnreadableSecretException e) {
                unreadable++;
                Log.warnf("Source %s: %s", id, e.getMessage());
            }
        }
        Log.infof(
                "Source credentials at rest: %d plain-text sealed, %d re-sealed with key '%s',"
                        + " %d unreadable, %d stored",
                sealed, resealed, cipher.currentKeyId(), unreadable, rows.size());
        return new SealReport(rows.size(), sealed, resealed, unreadable);
    }
}
