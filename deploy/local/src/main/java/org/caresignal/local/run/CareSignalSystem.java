package org.caresignal.local.run;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.caresignal.local.stack.IdentitySecrets;
import org.caresignal.local.stack.KafkaBroker;
import org.caresignal.local.stack.ServiceProcess;

/**
 * The three packaged CareSignal services started as child processes against one Kafka broker, one
 * PostgreSQL server and one OpenID Connect provider; used by the local run and by the end-to-end
 * test.
 */
public final class CareSignalSystem implements AutoCloseable {

    /** HTTP ports of the services, and the ports of their management interfaces. */
    public record Ports(
            int ingest,
            int sentiment,
            int alert,
            int ingestManagement,
            int sentimentManagement,
            int alertManagement) {

        public static final Ports FIXED = new Ports(8081, 8082, 8083, 9081, 9082, 9083);

        public static Ports free() {
            return new Ports(
                    KafkaBroker.freePort(),
                    KafkaBroker.freePort(),
                    KafkaBroker.freePort(),
                    KafkaBroker.freePort(),
                    KafkaBroker.freePort(),
                    KafkaBroker.freePort());
        }

        /** alert-service's dashboard, as browsers reach it. */
        public String dashboardUrl() {
            return "http://localhost:" + alert + "/dashboard";
        }
    }

    /**
     * Where the services verify tokens, the dashboard client's secret for alert-service's sign-in,
     * and the secret of {@code caresignal-services}, whose client-credentials token alert-service
     * uses when no user is signed in (the digest reading sentiment- and ingest-service).
     *
     * @param authServerUrl the realm's issuer, e.g. {@code
     *     http://localhost:18080/realms/caresignal}
     * @param servicesClientSecret null: not handed over (alert-service then cannot call the other
     *     services on its own behalf)
     */
    public record Identity(
            String authServerUrl, String dashboardClientSecret, String servicesClientSecret) {

        /** Without the services client's secret; prefer {@link #of(String, IdentitySecrets)}. */
        public Identity(String authServerUrl, String dashboardClientSecret) {
            this(authServerUrl, dashboardClientSecret, null);
        }

        /** The realm's issuer with both confidential clients' secrets from {@code secrets}. */
        public static Identity of(String authServerUrl, IdentitySecrets secrets) {
            return new Identity(
                    authServerUrl, secrets.dashboardClientSecret(), secrets.servicesClientSecret());
        }

        @Override
        public String toString() {
            return "Identity[" + authServerUrl + "]";
        }
    }

    /** The integration name under which the local run and the end-to-end test push mentions. */
    public static final String INTEGRATION = "local-run";

    private static final SecureRandom RANDOM = new SecureRandom();

    private final List<ServiceProcess> services;
    private final String ingestApiKey;

    private CareSignalSystem(List<ServiceProcess> services, String ingestApiKey) {
        this.services = services;
        this.ingestApiKey = ingestApiKey;
    }

    /**
     * Starts ingest-, sentiment- and alert-service with keys for this run only (throw-away
     * databases) and waits until each is ready.
     *
     * @param repoRoot the checkout, where each service's target/quarkus-app lies
     * @param database creates a database (and its role, named alike) and returns its JDBC URL
     */
    public static CareSignalSystem start(
            Path repoRoot,
            String kafkaBootstrapServers,
            Function<String, String> database,
            Ports ports,
            Path logDir,
            Identity identity) {
        return start(
                repoRoot,
                kafkaBootstrapServers,
                database,
                ports,
                logDir,
                SecretsKeyFile.ephemeral(),
                identity);
    }

    /**
     * Starts the services as {@link #start(Path, String, Function, Ports, Path, Identity)} does,
     * sealing their stored secrets with the given key rings.
     *
     * @param secretsKeys {@code INGEST_SECRETS_KEYS}, {@code ALERT_SECRETS_KEYS} and {@code
     *     INGEST_PSEUDONYM_KEY} (see {@link SecretsKeyFile}), handed over in the environment
     */
    public static CareSignalSystem start(
            Path repoRoot,
            String kafkaBootstrapServers,
            Function<String, String> database,
            Ports ports,
            Path logDir,
            Map<String, String> secretsKeys,
            Identity identity) {
        return start(
                repoRoot,
                kafkaBootstrapServers,
                database,
                ports,
                logDir,
                secretsKeys,
                identity,
                Map.of());
    }

    /**
     * Starts the services as {@link #start(Path, String, Function, Ports, Path, Map, Identity)}
     * does, with more environment variables for some of them (a test's settings, e.g. {@code
     * ALERT_OUTBOUND_ALLOW} for a WireMock on loopback).
     *
     * @param environment service name ({@code ingest-service}, ...) to the variables it gets on top
     *     of the others (they win over them)
     */
    public static CareSignalSystem start(
            Path repoRoot,
            String kafkaBootstrapServers,
            Function<String, String> database,
            Ports ports,
            Path logDir,
            Map<String, String> secretsKeys,
            Identity identity,
            Map<String, Map<String, String>> environment) {
        var started = new ArrayList<ServiceProcess>();
        // A fresh webhook key per run, handed over in the environment and never written down.
        var apiKey = newApiKey();
        try {
            var ingestEnv = oidc(identity);
            ingestEnv.put("INGEST_WEBHOOK_KEYS", INTEGRATION + "=" + apiKey);
            ingestEnv.put("INGEST_SECRETS_KEYS", secretsKeys.get("INGEST_SECRETS_KEYS"));
            // Stable across restarts with the data directory: pseudonyms, and the keyed hashes by
            // which erased posts are refused, stay the same.
            var pseudonymKey = secretsKeys.get(SecretsKeyFile.PSEUDONYM_KEY);
            if (pseudonymKey != null) {
                ingestEnv.put(SecretsKeyFile.PSEUDONYM_KEY, pseudonymKey);
            }
            // Phrase erasure and URL look-ups of older mentions ask sentiment-service.
            ingestEnv.put("INGEST_SENTIMENT_URL", "http://localhost:" + ports.sentiment());
            ingestEnv.putAll(environment.getOrDefault("ingest-service", Map.of()));
            started.add(
                    launch(
                            repoRoot,
                            "ingest-service",
                            ports.ingest(),
                            ports.ingestManagement(),
                            withDatabase(kafka(kafkaBootstrapServers), database, "ingest"),
                            ingestEnv,
                            List.of("-Xmx512m"),
                            logDir));
            started.add(
                    launch(
                            repoRoot,
                            "sentiment-service",
                            ports.sentiment(),
                            ports.sentimentManagement(),
                            withDatabase(kafka(kafkaBootstrapServers), database, "sentiment"),
                            with(oidc(identity), environment.get("sentiment-service")),
                            SENTIMENT_JVM,
                            logDir));
            var alertEnv = oidc(identity);
            alertEnv.put("ALERT_SECRETS_KEYS", secretsKeys.get("ALERT_SECRETS_KEYS"));
            alertEnv.put("DASHBOARD_OIDC_CLIENT_SECRET", identity.dashboardClientSecret());
            if (identity.servicesClientSecret() != null) {
                alertEnv.put(
                        IdentitySecrets.SERVICES_CLIENT_SECRET, identity.servicesClientSecret());
            }
            // The console reads posts and sentiment from sentiment-service and brand names and
            // time zones from ingest-service, with the signed-in user's token.
            alertEnv.put("ALERT_INGEST_URL", "http://localhost:" + ports.ingest());
            alertEnv.put("ALERT_SENTIMENT_URL", "http://localhost:" + ports.sentiment());
            alertEnv.putAll(environment.getOrDefault("alert-service", Map.of()));
            started.add(
                    launch(
                            repoRoot,
                            "alert-service",
                            ports.alert(),
                            ports.alertManagement(),
                            withDatabase(kafka(kafkaBootstrapServers), database, "alert"),
                            alertEnv,
                            List.of("-Xmx512m"),
                            logDir));
            for (var service : started) {
                service.awaitReady(Duration.ofMinutes(3));
            }
            return new CareSignalSystem(started, apiKey);
        } catch (RuntimeException e) {
            Collections.reverse(started);
            started.forEach(ServiceProcess::close);
            throw e;
        }
    }

    public String ingestUrl() {
        return services.get(0).baseUrl();
    }

    /**
     * The API key of this run's {@value #INTEGRATION} integration, for {@code Authorization:
     * Bearer} on ingest-service's {@code POST /api/mentions}.
     */
    public String ingestApiKey() {
        return ingestApiKey;
    }

    public String sentimentUrl() {
        return services.get(1).baseUrl();
    }

    public String alertUrl() {
        return services.get(2).baseUrl();
    }

    public String dashboardUrl() {
        return alertUrl() + "/dashboard";
    }

    /** ingest-, sentiment- and alert-service, in this order. */
    public List<ServiceProcess> services() {
        return List.copyOf(services);
    }

    @Override
    public void close() {
        var reversed = new ArrayList<>(services);
        Collections.reverse(reversed);
        reversed.forEach(ServiceProcess::close);
    }

    private static ServiceProcess launch(
            Path repoRoot,
            String name,
            int port,
            int managementPort,
            Map<String, String> config,
            Map<String, String> environment,
            List<String> jvm,
            Path logDir) {
        var jar = repoRoot.resolve(name).resolve("target/quarkus-app/quarkus-run.jar");
        return ServiceProcess.start(
                name,
                jar,
                port,
                managementPort,
                config,
                environment,
                jvmOptions(jvm, System.getenv(JVM_OPTIONS_ENV)),
                logDir.resolve(name + ".log"));
    }

    // The services keep the JVM's own choice of collector (G1 on two cores). Measured on the 2-core
    // machine (docs/benchmarks.md, "Pipeline batching"): -XX:+UseSerialGC cost sentiment-service
    // about a third more CPU per mention (17.2 ms against 12.8-14.2 with G1); -XX:+UseParallelGC
    // (14.2 ms) and both collectors for ingest- and alert-service stayed within the spread of two
    // G1 runs.
    /**
     * sentiment-service's JVM: room for the CoreNLP models, and G1 told when to mark. Its live heap
     * is about 700 MB (the models) under a young generation of up to a gigabyte; G1's adaptive
     * threshold started a concurrent marking of the whole model every 8-10 s flat out, which
     * reclaimed nothing and cost the GC threads 0.45 ms of CPU per mention (docs/benchmarks.md, run
     * K; the service's total per mention moved within the host's spread). A fixed 70% marks only
     * when the old generation really grows.
     */
    public static final List<String> SENTIMENT_JVM =
            List.of("-Xmx2g", "-XX:-G1UseAdaptiveIHOP", "-XX:InitiatingHeapOccupancyPercent=70");

    /**
     * Extra JVM options for every service (split on blanks, after the defaults, so they win): for
     * measuring other JVM settings with {@code deploy/local/pipeline-bench} without a rebuild.
     */
    public static final String JVM_OPTIONS_ENV = "CARESIGNAL_SERVICE_JVM_OPTIONS";

    /** A service's JVM options: its own, then the extra options of {@link #JVM_OPTIONS_ENV}. */
    static List<String> jvmOptions(List<String> own, String extra) {
        var options = new ArrayList<>(own);
        if (extra != null && !extra.isBlank()) {
            options.addAll(List.of(extra.strip().split("\\s+")));
        }
        return options;
    }

    /** The OIDC settings every service reads (docs/operations.md), and OpenAPI switched on. */
    private static Map<String, String> oidc(Identity identity) {
        var env = new HashMap<String, String>();
        env.put("OIDC_AUTH_SERVER_URL", identity.authServerUrl());
        env.put("OPENAPI_ENABLED", "true");
        return env;
    }

    private static Map<String, String> with(Map<String, String> env, Map<String, String> more) {
        if (more != null) {
            env.putAll(more);
        }
        return env;
    }

    /** Same shape as ingest-service's own keys: csk_ and 32 random bytes in base64url. */
    static String newApiKey() {
        var bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return "csk_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static Map<String, String> kafka(String bootstrapServers) {
        var config = new HashMap<String, String>();
        config.put("kafka.bootstrap.servers", bootstrapServers);
        return config;
    }

    private static Map<String, String> withDatabase(
            Map<String, String> config, Function<String, String> database, String name) {
        config.put("quarkus.datasource.jdbc.url", database.apply(name));
        config.put("quarkus.datasource.username", name);
        config.put("quarkus.datasource.password", name);
        return config;
    }
}
