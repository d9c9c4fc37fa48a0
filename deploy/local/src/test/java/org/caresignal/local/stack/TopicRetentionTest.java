package org.caresignal.local.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/**
 * The topics and their retention.ms are the same in the local stack's table, in docker-compose's
 * init service and in the Kubernetes KafkaTopic resources; and the embedded broker applies them,
 * also to topics that existed before with the broker's default.
 */
class TopicRetentionTest {

    private static final Path DEPLOY = Path.of("..").toAbsolutePath().normalize();
    private static final Pattern COMPOSE_TOPIC =
            Pattern.compile("^\\s*topic\\s+(\\S+)\\s+(\\d+)\\s*$", Pattern.MULTILINE);

    @TempDir Path dir;

    @Test
    void theTableMatchesTheSpecifiedRetentions() {
        assertThat(javaTable())
                .containsEntry("mentions.ingested.v1", 604_800_000L)
                .containsEntry("mentions.scored.v1.dlq", 1_209_600_000L)
                .containsEntry("mentions.erased.v1", 2_592_000_000L)
                .containsEntry("erasures.confirmed.v1.dlq", 2_592_000_000L)
                .containsEntry("alerts.v1", 2_592_000_000L)
                .hasSize(11);
        assertThat(TestStack.TOPICS).containsExactlyElementsOf(javaTable().keySet());
    }

    @Test
    @SuppressWarnings("unchecked")
    void composeCreatesEveryTopicWithItsRetentionBeforeTheServicesStart() throws Exception {
        Map<String, Object> compose =
                new Yaml().load(Files.readString(DEPLOY.resolve("docker-compose/compose.yml")));
        var services = (Map<String, Object>) compose.get("services");
        var init = (Map<String, Object>) services.get("kafka-topics");
        assertThat(init).as("the kafka-topics init service").isNotNull();
        var script = String.join("\n", (List<String>) init.get("command"));
        var topics = new LinkedHashMap<String, Long>();
        var m = COMPOSE_TOPIC.matcher(script);
        while (m.find()) {
            topics.put(m.group(1), Long.parseLong(m.group(2)));
        }
        assertThat(topics).isEqualTo(javaTable());
        assertThat(script)
                .contains("--config retention.ms=")
                .contains("--add-config retention.ms=");

        // Every CareSignal service waits for it (the x-service anchor is merged into each).
        for (var name : List.of("ingest-service", "sentiment-service", "alert-service")) {
            var dependsOn =
                    (Map<String, Map<String, String>>)
                            ((Map<String, Object>) services.get(name)).get("depends_on");
            assertThat(dependsOn.get("kafka-topics"))
                    .as(name + " depends on kafka-topics")
                    .containsEntry("condition", "service_completed_successfully");
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void kubernetesHasAKafkaTopicPerTopicWithItsRetention() throws Exception {
        var topics = new LinkedHashMap<String, Long>();
        for (var doc : new Yaml().loadAll(Files.readString(DEPLOY.resolve("k8s/topics.yaml")))) {
            var resource = (Map<String, Object>) doc;
            assertThat(resource.get("apiVersion")).isEqualTo("kafka.strimzi.io/v1beta2");
            assertThat(resource.get("kind")).isEqualTo("KafkaTopic");
            var spec = (Map<String, Object>) resource.get("spec");
            var config = (Map<String, Object>) spec.get("config");
            topics.put(
                    (String) spec.get("topicName"),
                    Long.parseLong(String.valueOf(config.get("retention.ms"))));
        }
        assertThat(topics).isEqualTo(javaTable());
        Map<String, Object> kustomization =
                new Yaml().load(Files.readString(DEPLOY.resolve("k8s/kustomization.yaml")));
        assertThat((List<String>) kustomization.get("resources")).contains("topics.yaml");
    }

    @Test
    void theEmbeddedBrokerAppliesTheRetentionAlsoToTopicsThatExistedBefore() {
        try (var broker = KafkaBroker.start(dir, 0, 3)) {
            // A data directory from before: the topic exists with the broker's default (7 days).
            broker.createTopics(List.of("mentions.ingested.v1.dlq"), 3);
            assertThat(broker.topicConfig("mentions.ingested.v1.dlq"))
                    .containsEntry("retention.ms", "604800000");

            broker.ensureTopics(TestStack.TOPIC_RETENTION, 3);

            var reported =
                    TestStack.TOPICS.stream()
                            .collect(
                                    Collectors.toMap(
                                            t -> t,
                                            t ->
                                                    Long.parseLong(
                                                            broker.topicConfig(t)
                                                                    .get("retention.ms")),
                                            (a, b) -> a,
                                            LinkedHashMap::new));
            assertThat(reported).isEqualTo(javaTable());
        }
    }

    private static Map<String, Long> javaTable() {
        var table = new LinkedHashMap<String, Long>();
        TestStack.TOPIC_RETENTION.forEach(t -> table.put(t.name(), t.retentionMs()));
        return table;
    }
}
