package org.caresignal.local.stack;

import java.util.List;

/**
 * A running Kafka broker and PostgreSQL server that tests connect to: embedded here, or in
 * containers where a Docker engine answers.
 */
public interface TestStack extends AutoCloseable {

    /** The topics every CareSignal service reads or writes, created up front. */
    List<String> TOPICS =
            List.of(
                    "mentions.ingested.v1",
                    "mentions.ingested.v1.dlq",
                    "mentions.scored.v1",
                    "mentions.scored.v1.dlq");

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
