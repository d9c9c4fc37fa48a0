package org.caresignal.local.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The keys of a local run's data: the rings that seal the services' stored secrets (source
 * credentials, channel secrets) and ingest-service's pseudonym key, made once per data directory in
 * {@code secrets.keys} (owner-only, mode 600), in the shape of an environment file ({@code
 * INGEST_SECRETS_KEYS=local1=<base64>}), so that what was sealed in one run opens in the next and
 * an author keeps their pseudonym (and an erased post or author stays refused: ingest's erased
 * identities are keyed hashes under the same key); {@code --wipe} removes them together with the
 * database.
 */
public final class SecretsKeyFile {

    /** The variables the services read their key rings from, one independent key each. */
    public static final List<String> VARIABLES =
            List.of("INGEST_SECRETS_KEYS", "ALERT_SECRETS_KEYS");

    /**
     * ingest-service's key of author pseudonyms and of the erased-identity hashes: 32 random bytes
     * in base64, never rotated (a new key changes every pseudonym and forgets every erasure).
     */
    public static final String PSEUDONYM_KEY = "INGEST_PSEUDONYM_KEY";

    private static final SecureRandom RANDOM = new SecureRandom();

    private SecretsKeyFile() {}

    /**
     * The key rings and the pseudonym key in {@code file}, made first (or completed) when missing;
     * never printed.
     *
     * @return variable name to its value, e.g. {@code INGEST_SECRETS_KEYS -> local1=<base64>},
     *     {@code INGEST_PSEUDONYM_KEY -> <base64>}
     */
    public static Map<String, String> loadOrCreate(Path file) {
        try {
            var rings = new LinkedHashMap<String, String>();
            if (Files.exists(file)) {
                for (var line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    int eq = line.indexOf('=');
                    if (!line.isBlank() && !line.startsWith("#") && eq > 0) {
                        rings.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
                    }
                }
            }
            boolean added = false;
            for (var variable : VARIABLES) {
                if (!rings.containsKey(variable)) {
                    rings.put(variable, newRing());
                    added = true;
                }
            }
            if (!rings.containsKey(PSEUDONYM_KEY)) {
                // A data directory from before kept no pseudonym key (each start drew one), so
                // the pseudonyms stored so far change once more, never again.
                rings.put(PSEUDONYM_KEY, newKey());
                added = true;
            }
            if (added) {
                write(file, rings);
            }
            var out = new LinkedHashMap<String, String>();
            VARIABLES.forEach(v -> out.put(v, rings.get(v)));
            out.put(PSEUDONYM_KEY, rings.get(PSEUDONYM_KEY));
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write " + file, e);
        }
    }

    /** Fresh keys that live only as long as one run (for throw-away databases). */
    public static Map<String, String> ephemeral() {
        var out = new LinkedHashMap<String, String>();
        VARIABLES.forEach(v -> out.put(v, newRing()));
        out.put(PSEUDONYM_KEY, newKey());
        return out;
    }

    /** One key ring {@code local1=<32 random bytes in base64>}. */
    static String newRing() {
        return "local1=" + newKey();
    }

    /** 32 random bytes in base64. */
    static String newKey() {
        var key = new byte[32];
        RANDOM.nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    private static void write(Path file, Map<String, String> rings) throws IOException {
        var text = new StringBuilder();
        text.append(
                "# Keys of this data directory's stored secrets and pseudonyms; keep it private.\n");
        text.append(
                "# To rotate a *_SECRETS_KEYS ring: put a new keyId=base64key first, keep the old one"
                        + " after a comma.\n");
        text.append(
                "# Never change INGEST_PSEUDONYM_KEY: pseudonyms would change and erased posts and"
                        + " authors be taken again.\n");
        rings.forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
        Files.createDirectories(file.toAbsolutePath().getParent());
        var tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            // Owner-only from the first byte, not chmod-ed afterwards.
            Files.createFile(
                    tmp,
                    PosixFilePermissions.asFileAttribute(
                            PosixFilePermissions.fromString("rw-------")));
        } else {
            Files.createFile(tmp);
        }
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        Files.move(
                tmp,
                file,
                java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
}
