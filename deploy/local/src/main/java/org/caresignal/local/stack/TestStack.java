package org.caresignal.local.stack;

import java.util.List;

/**
 * A running Kafka broker and PostgreSQL server that tests connect to: embedded here, or in
 * containers where a Docker engine answers.
 */
public interface TestStack extends AutoCloseable {

    /**
     * A topic and how long the broker keeps its records ({@code retention.ms}). Post text lives in
     * the mention topics for a week and in their dead letters for two (time to fix and replay);
     * erasure, confirmation and alert topics carry ids and sample links and live 30 days. The same
     * table is in deploy/docker-compose/compose.yml, deploy/k8s/topics.yaml and docs/privacy.md
     * ("Kafka topics"); TopicRetentionTest keeps them equal.
     */
    record Topic(String name, long retentionMs) {}

    long DAY_MS = 86_400_000L;

    /** Every topic a CareSignal service reads or writes, with its retention, created up front. */
    List<Topic> TOPIC_RETENTION =
            List.of(
                    new Topic("mentions.ingested.v1", 7 * DAY_MS),
                    new Topic("mentions.ingested.v1.dlq", 14 * DAY_MS),
                    new Topic("mentions.scored.v1", 7 * DAY_MS),
                    new Topic("mentions.scored.v1.dlq", 14 * DAY_MS),
                    new Topic("mentions.erased.v1", 30 * DAY_MS),
                    new Topic("mentions.erased.v1.dlq", 30 * DAY_MS),
                    new Topic("erasures.confirmed.v1", 30 * DAY_MS),
                    new Topic("erasures.confirmed.v1.dlq", 30 * DAY_MS),
                    new Topic("alerts.v1", 30 * DAY_MS),
                    new Topic("sources.silent.v1", 30 * DAY_MS),
                    new Topic("sources.silent.v1.dlq", 30 * DAY_MS));

    /** The names of {@link #TOPIC_RETENTION}, in the same order. */
    List<String> TOPICS = TOPIC_RETENTION.stream().map(Topic::name).toList();

    int PARTITIONS = 3;

    String kafkaBootstrapServers();

    /** Creates the database and role if needed and returns its JDBC URL. */
    String database(String name);

    /** The role owning {@code database(name)}. */
    default String username(String name) {
        return name;
    }

    default String password(String name) {
        return name;
    }

    /**
     * Takes the database server away, keeping its data, until {@link #startDatabase()}: for tests
     * that show what an outage costs.
     */
    void stopDatabase();

    /** Brings the database server back at the same address with the same data. */
    void startDatabase();

    /** Which implementation this is, for the log. */
    String description();

    @Override
    void close();
}
