package org.caresignal.local.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The generated secrets of one Keycloak realm: the bootstrap administrator, the confidential
 * clients' secrets and the demo users' passwords (one user per role). Made once per data directory
 * in an owner-only file ({@code NAME=value} lines, mode 600, readable as properties or by a shell)
 * that the local run, {@code deploy/local/token} and people read, or made afresh for a throw-away
 * realm; never committed, never logged.
 */
public final class IdentitySecrets {

    /** The realm roles, each with its demo user {@code demo-<role>}. */
    public static final List<String> ROLES = List.of("viewer", "analyst", "responder", "admin");

    public static final String ADMIN_USERNAME = "KC_BOOTSTRAP_ADMIN_USERNAME";
    public static final String ADMIN_PASSWORD = "KC_BOOTSTRAP_ADMIN_PASSWORD";
    public static final String DASHBOARD_CLIENT_SECRET = "DASHBOARD_OIDC_CLIENT_SECRET";
    public static final String SERVICES_CLIENT_SECRET = "SERVICES_OIDC_CLIENT_SECRET";

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, String> values;
    private final boolean created;

    private IdentitySecrets(Map<String, String> values, boolean created) {
        this.values = Map.copyOf(values);
        this.created = created;
    }

    /** The variable holding the password of {@code role}'s demo user. */
    public static String passwordVariable(String role) {
        return "CARESIGNAL_DEMO_" + role.toUpperCase(Locale.ROOT) + "_PASSWORD";
    }

    /** The demo user holding {@code role}. */
    public static String demoUser(String role) {
        return "demo-" + role;
    }

    /** Fresh secrets that live only as long as their realm (tests). */
    public static IdentitySecrets generate() {
        var values = new LinkedHashMap<String, String>();
        fill(values);
        return new IdentitySecrets(values, true);
    }

    /**
     * The secrets in {@code file}, generated (and written owner-only) when the file is missing;
     * values missing from an existing file are added, values present are kept.
     */
    public static IdentitySecrets loadOrCreate(Path file) {
        try {
            var values = new LinkedHashMap<String, String>();
            boolean existed = Files.exists(file);
            if (existed) {
                for (var line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    int eq = line.indexOf('=');
                    if (!line.isBlank() && !line.startsWith("#") && eq > 0) {
                        values.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
                    }
                }
            }
            if (fill(values)) {
                write(file, values);
            }
            return new IdentitySecrets(values, !existed);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write " + file, e);
        }
    }

    /** Whether these secrets were made just now (the realm must be imported afresh with them). */
    public boolean created() {
        return created;
    }

    public String adminUsername() {
        return values.get(ADMIN_USERNAME);
    }

    public String adminPassword() {
        return values.get(ADMIN_PASSWORD);
    }

    public String dashboardClientSecret() {
        return values.get(DASHBOARD_CLIENT_SECRET);
    }

    public String servicesClientSecret() {
        return values.get(SERVICES_CLIENT_SECRET);
    }

    /** The password of {@code role}'s demo user. */
    public String password(String role) {
        var password = values.get(passwordVariable(role));
        if (password == null) {
            throw new IllegalArgumentException("no demo user for role " + role);
        }
        return password;
    }

    /**
     * What Keycloak reads: the bootstrap administrator, and the values of the realm file's
     * placeholders.
     */
    public Map<String, String> keycloakEnvironment() {
        var env = new LinkedHashMap<String, String>();
        env.put(ADMIN_USERNAME, adminUsername());
        env.put(ADMIN_PASSWORD, adminPassword());
        env.put(DASHBOARD_CLIENT_SECRET, dashboardClientSecret());
        env.put(SERVICES_CLIENT_SECRET, servicesClientSecret());
        ROLES.forEach(r -> env.put(passwordVariable(r), password(r)));
        return env;
    }

    @Override
    public String toString() {
        return "IdentitySecrets[not shown]";
    }

    /** Adds what is missing; true when something was. */
    private static boolean fill(Map<String, String> values) {
        int before = values.size();
        values.putIfAbsent(ADMIN_USERNAME, "admin-" + random(4).toLowerCase(Locale.ROOT));
        values.putIfAbsent(ADMIN_PASSWORD, random(24));
        values.putIfAbsent(DASHBOARD_CLIENT_SECRET, random(32));
        values.putIfAbsent(SERVICES_CLIENT_SECRET, random(32));
        ROLES.forEach(r -> values.putIfAbsent(passwordVariable(r), random(18)));
        return values.size() != before;
    }

    /** {@code bytes} random bytes in base64url: letters, digits, '-' and '_', nothing to quote. */
    private static String random(int bytes) {
        var b = new byte[bytes];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    private static void write(Path file, Map<String, String> values) throws IOException {
        var text = new StringBuilder();
        text.append("# Identity secrets of this data directory (Keycloak realm caresignal).\n");
        text.append("# Demo users demo-<role>: sign in at the dashboard or get a token with\n");
        text.append("#   deploy/local/token <viewer|analyst|responder|admin>\n");
        text.append(
                "# Keycloak's admin console (master realm): KC_BOOTSTRAP_ADMIN_USERNAME/_PASSWORD.\n");
        text.append(
                "# Keep it private; deleting it starts Keycloak's realm afresh on the next run.\n");
        values.forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
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
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
