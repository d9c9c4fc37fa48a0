package org.caresignal.alert.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import org.caresignal.alert.config.AlertConfig;
import org.caresignal.alert.domain.SecretCipher;
import org.caresignal.alert.repository.ChannelRepository;

/**
 * Seals each value of a channel's secrets (webhook URLs, signing key, routing key) before it is
 * stored and opens them for delivery, with the key ring of {@code ALERT_SECRETS_KEYS}; the secret
 * names stay readable. At start it seals plain-text values left by older versions and re-seals
 * those under an older key.
 */
@ApplicationScoped
public class ChannelSecretVault {

    static final String ENV = "ALERT_SECRETS_KEYS";
    private static final TypeReference<Map<String, String>> MAP = new TypeReference<>() {};

    private final ChannelRepository channels;
    private final ObjectMapper mapper;
    private final SecretCipher cipher;

    @Inject
    public ChannelSecretVault(ChannelRepository channels, ObjectMapper mapper, AlertConfig config) {
        this(channels, mapper, config.secrets().keys(), LaunchMode.current() == LaunchMode.NORMAL);
    }

    /** For tests: {@code production} is whether a missing key is refused. */
    ChannelSecretVault(
            ChannelRepository channels,
            ObjectMapper mapper,
            Optional<String> keys,
            boolean production) {
        this.channels = channels;
        this.mapper = mapper;
        if (keys.isPresent()) {
            try {
                cipher = SecretCipher.parse(keys.get());
            } catch (SecretCipher.InvalidKeyRingException e) {
                throw new IllegalStateException(ENV + " is unusable: " + e.getMessage());
            }
            Log.infof(
                    "Channel secrets are sealed with key '%s' (key ring %s)",
                    cipher.currentKeyId(), cipher.keyIds());
        } else if (production) {
            cipher = null;
            Log.warnf(
                    "%s is not set: channels with secrets cannot be stored (set a key ring, see"
                            + " docs/operations.md)",
                    ENV);
        } else {
            // Development and tests: a key for this process only; its values do not survive it.
            cipher = SecretCipher.generated("runtime");
            Log.warnf("%s is not set: using a random key for this process", ENV);
        }
    }

    static String context(UUID channelId, String name) {
        return "notification_channel.secrets." + name + ":" + channelId;
    }

    /**
     * The stored form of a channel's secrets: the same names, each value sealed for this channel
     * and name.
     *
     * @throws SecretsUnavailableException in production when no key ring is configured
     */
    public Map<String, String> seal(UUID channelId, Map<String, String> secrets) {
        if (secrets.isEmpty()) {
            return Map.of();
        }
        if (cipher == null) {
            throw new SecretsUnavailableException(
                    "channel secrets cannot be stored: the service has no encryption key ("
                            + ENV
                            + ")");
        }
        var sealed = new TreeMap<String, String>();
        secrets.forEach(
                (name, value) -> sealed.put(name, cipher.seal(value, context(channelId, name))));
        return sealed;
    }

    /**
     * A channel's secrets in clear (plain-text values of older versions pass as they are).
     *
     * @throws SecretCipher.UnreadableSecretException when a value cannot be opened (unknown key,
     *     tampered, or copied from another channel); the message never holds the value
     */
    public Map<String, String> open(UUID channelId, Map<String, String> stored) {
        var open = new TreeMap<String, String>();
        for (var entry : stored.entrySet()) {
            var value = entry.getValue();
            var context = context(channelId, entry.getKey());
            if (!SecretCipher.isSealed(value)) {
                open.put(entry.getKey(), value);
            } else if (cipher == null) {
                throw new SecretCipher.UnreadableSecretException(context, ENV + " is not set");
            } else {
                open.put(entry.getKey(), cipher.open(value, context));
            }
        }
        return open;
    }

    /** What one pass over the stored channel secrets did (counts of values, not channels). */
    public record SealReport(int channels, int sealed, int resealed, int unreadable) {}

    void onStart(@Observes StartupEvent start) {
        sealStoredSecrets();
    }

    /**
     * Seals plain-text secret values and re-seals those under an older key, in its own transaction;
     * idempotent (run at every start).
     *
     * @throws IllegalStateException in production when secrets are stored and no key is set
     */
    public SealReport sealStoredSecrets() {
        return QuarkusTransaction.requiringNew().call(this::sealAll);
    }

    SealReport sealAll() {
        var rows =
                channels.storedSecrets().stream()
                        .filter(r -> !read(r.secrets()).isEmpty())
                        .toList();
        if (rows.isEmpty()) {
            return new SealReport(0, 0, 0, 0);
        }
        if (cipher == null) {
            throw new IllegalStateException(
                    rows.size()
                            + " notification channel(s) have stored secrets but "
                            + ENV
                            + " is not set: refusing to start. Set the key ring the secrets were"
                            + " sealed with (keyId=base64key, see docs/operations.md).");
        }
        int sealed = 0;
        int resealed = 0;
        int unreadable = 0;
        for (var row : rows) {
            var stored = read(row.secrets());
            var next = new TreeMap<String, String>();
            boolean changed = false;
            for (var entry : stored.entrySet()) {
                var value = entry.getValue();
                var context = context(row.id(), entry.getKey());
                try {
                    if (!SecretCipher.isSealed(value)) {
                        value = cipher.seal(value, context);
                        sealed++;
                        changed = true;
                    } else if (!cipher.isCurrent(value)) {
                        value = cipher.seal(cipher.open(value, context), context);
                        resealed++;
                        changed = true;
                    }
                } catch (SecretCipher.UnreadableSecretException e) {
                    unreadable++;
                    Log.warnf("Channel %s: %s", row.id(), e.getMessage());
                }
                next.put(entry.getKey(), value);
            }
            if (changed) {
                // Only if nobody changed it meanwhile (another instance starting, an API write).
                channels.replaceSecrets(row.id(), row.secrets(), write(next));
            }
        }
        Log.infof(
                "Channel secrets at rest: %d plain-text values sealed, %d re-sealed with key"
                        + " '%s', %d unreadable, in %d channels with secrets",
                sealed, resealed, cipher.currentKeyId(), unreadable, rows.size());
        return new SealReport(rows.size(), sealed, resealed, unreadable);
    }

    private Map<String, String> read(String json) {
        try {
            return mapper.readValue(json, MAP);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable stored secrets");
        }
    }

    private String write(Map<String, String> secrets) {
        try {
            return mapper.writeValueAsString(secrets);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write secrets");
        }
    }
}
