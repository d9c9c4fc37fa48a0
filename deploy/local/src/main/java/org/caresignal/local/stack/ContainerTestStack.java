package org.caresignal.local.stack;

import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The same stack in Docker containers through Testcontainers, for machines with a Docker engine.
 */
final class ContainerTestStack implements TestStack {

    static final String KAFKA_IMAGE = "apache/kafka:4.1.2";
    static final String POSTGRES_IMAGE = "postgres:17-alpine";

    private final KafkaContainer kafka;
    private final PostgreSQLContainer postgres;

    ContainerTestStack() {
        kafka =
                new KafkaContainer(KAFKA_IMAGE)
                        .withEnv("KAFKA_NUM_PARTITIONS", String.valueOf(PARTITIONS));
        postgres = new PostgreSQLContainer(POSTGRES_IMAGE);
        kafka.start();
        postgres.start();
        try (var admin =
                Admin.create(
                        Map.of(
                                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                                kafka.getBootstrapServers()))) {
            admin.createTopics(TOPIC_RETENTION.stream().map(ContainerTestStack::newTopic).toList())
                    .all()
                    .get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("could not create topics", e);
        }
    }

    private static NewTopic newTopic(Topic topic) {
        return new NewTopic(topic.name(), PARTITIONS, (short) 1)
                .configs(
                        Map.of(
                                TopicConfig.RETENTION_MS_CONFIG,
                                String.valueOf(topic.retentionMs())));
    }

    @Override
    public String kafkaBootstrapServers() {
        return kafka.getBootstrapServers();
    }

    @Override
    public String database(String name) {
        try (var connection =
                DriverManager.getConnection(
                        postgres.getJdbcUrl(), postgres.getUsername(), postgres.getPassword())) {
            PostgresServer.ensureDatabase(connection, name);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create database " + name, e);
        }
        return "jdbc:postgresql://"
                + postgres.getHost()
                + ":"
                + postgres.getMappedPort(PostgreSQLContainer.POSTGRESQL_PORT)
                + "/"
                + name;
    }

    // Paused, not stopped: a restarted container would get another host port. Connections hang
    // instead of being refused, which the services must survive just the same.
    @Override
    public void stopDatabase() {
        postgres.getDockerClient().pauseContainerCmd(postgres.getContainerId()).exec();
    }

    @Override
    public void startDatabase() {
        postgres.getDockerClient().unpauseContainerCmd(postgres.getContainerId()).exec();
    }

    @Override
    public String description() {
        return "Testcontainers (" + KAFKA_IMAGE + ", " + POSTGRES_IMAGE + ")";
    }

    @Override
    public void close() {
        kafka.stop();
        postgres.stop();
    }
}
