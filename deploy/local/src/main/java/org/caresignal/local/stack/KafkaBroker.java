package org.caresignal.local.stack;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * A real single-node Apache Kafka broker in KRaft mode (combined broker and controller), run in
 * this JVM from the kafka_2.13 jars; its log directory is formatted on first start and reused
 * after.
 */
public final class KafkaBroker implements AutoCloseable {

    private static final int NODE_ID = 1;
    private static final String CONTROLLER_LISTENER = "CONTROLLER";

    private final KafkaRaftServer server;
    private final String bootstrapServers;
    private final Path logDir;

    private KafkaBroker(KafkaRaftServer server, String bootstrapServers, Path logDir) {
        this.server = server;
        this.bootstrapServers = bootstrapServers;
        this.logDir = logDir;
    }

    /**
     * Starts a broker whose data lives in {@code logDir}.
     *
     * @param port the client port, or 0 for any free port
     */
    public static KafkaBroker start(Path logDir, int port, int partitions) {
        int clientPort = port == 0 ? freePort() : port;
        int controllerPort = freePort();
        var props = new Properties();
        props.put("process.roles", "broker,controller");
        props.put("node.id", String.valueOf(NODE_ID));
        props.put("controller.quorum.voters", NODE_ID + "@127.0.0.1:" + controllerPort);
        props.put(
                "listeners",
                "PLAINTEXT://127.0.0.1:"
                        + clientPort
                        + ","
                        + CONTROLLER_LISTENER
                        + "://127.0.0.1:"
                        + controllerPort);
        props.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + clientPort);
        props.put("controller.listener.names", CONTROLLER_LISTENER);
        props.put("inter.broker.listener.name", "PLAINTEXT");
        props.put(
                "listener.security.protocol.map",
                "PLAINTEXT:PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        props.put("log.dirs", logDir.toAbsolutePath().toString());
        props.put("num.partitions", String.valueOf(partitions));
        props.put("auto.create.topics.enable", "true");
        // A single node can only ever hold one replica of the internal topics.
        props.put("offsets.topic.replication.factor", "1");
        props.put("offsets.topic.num.partitions", "3");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("share.coordinator.state.topic.replication.factor", "1");
        props.put("share.coordinator.state.topic.min.isr", "1");
        props.put("group.initial.rebalance.delay.ms", "0");
        props.put("log.flush.interval.messages", "1");
        var config = KafkaConfig.fromProps(props, false);

        formatIfNeeded(logDir);
        var server = new KafkaRaftServer(config, Time.SYSTEM);
        server.startup();
        var broker = new KafkaBroker(server, "127.0.0.1:" + clientPort, logDir);
        broker.awaitReady();
        return broker;
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public Path logDir() {
        return logDir;
    }

    /** Creates the topics that do not exist yet, each with the given number of partitions. */
    public void createTopics(Collection<String> topics, int partitions) {
        try (var admin = admin()) {
            var existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            var missing =
                    topics.stream()
                            .filter(t -> !existing.contains(t))
                            .map(t -> new NewTopic(t, partitions, (short) 1))
                            .toList();
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
            }
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("could not create topics " + topics, e);
            }
        } catch (Exception e) {
            throw new IllegalStateException("could not create topics " + topics, e);
        }
    }

    /**
     * Creates the topics that do not exist yet with their {@code retention.ms}, and sets it on
     * those that do (a data directory made by an older version gets the retention too).
     */
    public void ensureTopics(List<TestStack.Topic> topics, int partitions) {
        var names = topics.stream().map(TestStack.Topic::name).toList();
        try (var admin = admin()) {
            var existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            var missing =
                    topics.stream()
                            .filter(t -> !existing.contains(t.name()))
                            .map(
                                    t ->
                                            new NewTopic(t.name(), partitions, (short) 1)
                                                    .configs(retention(t)))
                            .toList();
            if (!missing.isEmpty()) {
                try {
                    admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
            // Set on every topic, new ones included: one created concurrently by a producer
            // (auto-creation) would otherwise keep the broker's default.
            var changes = new LinkedHashMap<ConfigResource, Collection<AlterConfigOp>>();
            for (var t : topics) {
                changes.put(
                        new ConfigResource(ConfigResource.Type.TOPIC, t.name()),
                        List.of(
                                new AlterConfigOp(
                                        new ConfigEntry(
                                                TopicConfig.RETENTION_MS_CONFIG,
                                                String.valueOf(t.retentionMs())),
                                        AlterConfigOp.OpType.SET)));
            }
            alterWhenKnown(admin, changes);
            awaitRetention(admin, topics);
        } catch (Exception e) {
            throw new IllegalStateException("could not create or configure topics " + names, e);
        }
    }

    /**
     * In KRaft mode a topic just created reaches the broker through the metadata log a moment
     * later; until then a config change is refused as an unknown topic (seen under load).
     */
    private static void alterWhenKnown(
            Admin admin, Map<ConfigResource, Collection<AlterConfigOp>> changes) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try {
                admin.incrementalAlterConfigs(changes).all().get(30, TimeUnit.SECONDS);
                return;
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)
                        || System.nanoTime() > deadline) {
                    throw e;
                }
                TimeUnit.MILLISECONDS.sleep(200);
            }
        }
    }

    /**
     * Waits until the broker reports every topic's retention: in KRaft mode an accepted change
     * reaches the broker through the metadata log a moment later.
     */
    private static void awaitRetention(Admin admin, List<TestStack.Topic> topics) throws Exception {
        var resources =
                topics.stream()
                        .map(t -> new ConfigResource(ConfigResource.Type.TOPIC, t.name()))
                        .toList();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            Map<ConfigResource, Config> configs;
            try {
                configs = admin.describeConfigs(resources).all().get(30, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                // The same metadata lag as in alterWhenKnown, seen once by a benchmark's start.
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)
                        || System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(200);
                continue;
            }
            var pending =
                    topics.stream()
                            .filter(
                                    t -> {
                                        var entry =
                                                configs.get(
                                                                new ConfigResource(
                                                                        ConfigResource.Type.TOPIC,
                                                                        t.name()))
                                                        .get(TopicConfig.RETENTION_MS_CONFIG);
                                        return entry == null
                                                || !String.valueOf(t.retentionMs())
                                                        .equals(entry.value());
                                    })
                            .map(TestStack.Topic::name)
                            .toList();
            if (pending.isEmpty()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("retention.ms not applied to " + pending);
            }
            Thread.sleep(100);
        }
    }

    /**
     * Adds partitions to those of {@code topics} that have fewer than {@code partitions} (Kafka
     * never removes any) and returns the names of the ones it grew. Keys move to other partitions
     * then: records of one key already in the topic may be read out of order with new ones.
     */
    public List<String> growPartitions(Collection<String> topics, int partitions) {
        try (var admin = admin()) {
            var described = admin.describeTopics(topics).allTopicNames().get(30, TimeUnit.SECONDS);
            var grow = new LinkedHashMap<String, NewPartitions>();
            described.forEach(
                    (name, description) -> {
                        if (description.partitions().size() < partitions) {
                            grow.put(name, NewPartitions.increaseTo(partitions));
                        }
                    });
            if (!grow.isEmpty()) {
                admin.createPartitions(grow).all().get(30, TimeUnit.SECONDS);
            }
            return List.copyOf(grow.keySet());
        } catch (Exception e) {
            throw new IllegalStateException("could not add partitions to " + topics, e);
        }
    }

    /** How many partitions {@code topic} has. */
    public int partitionCount(String topic) {
        try (var admin = admin()) {
            return admin.describeTopics(List.of(topic))
                    .allTopicNames()
                    .get(30, TimeUnit.SECONDS)
                    .get(topic)
                    .partitions()
                    .size();
        } catch (Exception e) {
            throw new IllegalStateException("could not describe topic " + topic, e);
        }
    }

    /** The topic's configuration as the broker reports it (describeConfigs), by name. */
    public Map<String, String> topicConfig(String topic) {
        try (var admin = admin()) {
            var resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
            var config =
                    admin.describeConfigs(List.of(resource))
                            .all()
                            .get(30, TimeUnit.SECONDS)
                            .get(resource);
            var out = new LinkedHashMap<String, String>();
            config.entries().forEach(e -> out.put(e.name(), e.value()));
            return out;
        } catch (Exception e) {
            throw new IllegalStateException("could not describe topic " + topic, e);
        }
    }

    private static Map<String, String> retention(TestStack.Topic topic) {
        return Map.of(TopicConfig.RETENTION_MS_CONFIG, String.valueOf(topic.retentionMs()));
    }

    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
    }

    private Admin admin() {
        return Admin.create(
                Map.of(
                        AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                        AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000,
                        AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000));
    }

    private void awaitReady() {
        // The broker answers metadata requests only once it has joined the quorum it leads.
        try (var admin = admin()) {
            admin.describeCluster().nodes().get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            close();
            throw new IllegalStateException("Kafka broker did not become ready", e);
        }
    }

    private static void formatIfNeeded(Path logDir) {
        if (Files.exists(logDir.resolve("meta.properties"))) {
            return;
        }
        try {
            Files.createDirectories(logDir);
            new Formatter()
                    .setPrintStream(new PrintStream(PrintStream.nullOutputStream()))
                    .setNodeId(NODE_ID)
                    .setClusterId(Uuid.randomUuid().toString())
                    .setDirectories(List.of(logDir.toAbsolutePath().toString()))
                    .setMetadataLogDirectory(logDir.toAbsolutePath().toString())
                    .setControllerListenerName(CONTROLLER_LISTENER)
                    .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                    .run();
        } catch (Exception e) {
            throw new IllegalStateException("could not format Kafka storage in " + logDir, e);
        }
    }

    /** A TCP port free on this machine right now. */
    public static int freePort() {
        try (var socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
