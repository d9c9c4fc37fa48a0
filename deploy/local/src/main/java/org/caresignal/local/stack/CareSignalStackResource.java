package org.caresignal.local.stack;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Quarkus test resource that points a service at the shared real Kafka broker and its own
 * PostgreSQL database; init arg {@code database} names the database (and role).
 */
public class CareSignalStackResource implements QuarkusTestResourceLifecycleManager {

    /** System property holding the test broker's bootstrap servers once the resource started. */
    public static final String KAFKA_PROPERTY = "caresignal.test.kafka.bootstrap.servers";

    private String database;

    @Override
    public void init(Map<String, String> initArgs) {
        database = initArgs.get("database");
    }

    @Override
    public Map<String, String> start() {
        var stack = TestStacks.shared();
        var config = new java.util.HashMap<String, String>();
        config.put("kafka.bootstrap.servers", stack.kafkaBootstrapServers());
        // Tests of the packaged app (@QuarkusIntegrationTest) do not see the app's config, so they
        // read this.
        System.setProperty(KAFKA_PROPERTY, stack.kafkaBootstrapServers());
        if (database != null) {
            config.put("quarkus.datasource.jdbc.url", stack.database(database));
            config.put("quarkus.datasource.username", stack.username(database));
            config.put("quarkus.datasource.password", stack.password(database));
        }
        return config;
    }

    @Override
    public void stop() {
        // The stack is shared by every test of this JVM and stops when the JVM exits.
    }
}
