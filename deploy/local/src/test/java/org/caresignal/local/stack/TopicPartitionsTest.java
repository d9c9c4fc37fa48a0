package org.caresignal.local.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/**
 * One partition count, {@code CARESIGNAL_PARTITIONS}, read alike by the local run, docker-compose
 * and the Kubernetes topics; and the embedded broker grows the topics of an older data directory.
 */
class TopicPartitionsTest {

    private static final Path DEPLOY = Path.of("..").toAbsolutePath().normalize();
    private static final String COMPOSE_DEFAULT =
            "${" + TopicPartitions.VARIABLE + ":-" + TopicPartitions.DEFAULT + "}";

    @TempDir Path dir;

    @Test
    void theVariableSetsTheCountAndSixIsTheDefault() {
        assertThat(TopicPartitions.DEFAULT).isEqualTo(6);
        assertThat(TopicPartitions.from(Map.of())).isEqualTo(6);
        assertThat(TopicPartitions.from(Map.of(TopicPartitions.VARIABLE, " "))).isEqualTo(6);
        assertThat(TopicPartitions.from(Map.of(TopicPartitions.VARIABLE, "12"))).isEqualTo(12);
        assertThatThrownBy(() -> TopicPartitions.from(Map.of(TopicPartitions.VARIABLE, "0")))
                .hasMessageContaining("between 1 and");
        assertThatThrownBy(() -> TopicPartitions.from(Map.of(TopicPartitions.VARIABLE, "six")))
                .hasMessageContaining("whole number");
    }

    @Test
    @SuppressWarnings("unchecked")
    void composeCreatesTheTopicsWithTheVariablesCount() throws Exception {
        Map<String, Object> compose =
                new Yaml().load(Files.readString(DEPLOY.resolve("docker-compose/compose.yml")));
        var services = (Map<String, Object>) compose.get("services");
        var kafka = (Map<String, Object>) services.get("kafka");
        var environment = (Map<String, Object>) kafka.get("environment");
        assertThat(String.valueOf(environment.get("KAFKA_NUM_PARTITIONS")))
                .isEqualTo(COMPOSE_DEFAULT);
        var script =
                String.join(
                        "\n",
                        (List<String>)
                                ((Map<String, Object>) services.get("kafka-topics"))
                                        .get("command"));
        assertThat(script)
                .contains("partitions=" + COMPOSE_DEFAULT)
                .contains("--create --if-not-exists")
                .contains("--partitions \"$$partitions\"")
                .contains("--alter --topic \"$$1\"")
                .doesNotContain("--partitions 3");
    }

    @Test
    @SuppressWarnings("unchecked")
    void kubernetesTopicsHaveTheDefaultCountAndOnePatchSetsItForAll() throws Exception {
        for (var doc : new Yaml().loadAll(Files.readString(DEPLOY.resolve("k8s/topics.yaml")))) {
            var spec = (Map<String, Object>) ((Map<String, Object>) doc).get("spec");
            assertThat(spec.get("partitions"))
                    .as(String.valueOf(spec.get("topicName")))
                    .isEqualTo(TopicPartitions.DEFAULT);
        }
        Map<String, Object> kustomization =
                new Yaml().load(Files.readString(DEPLOY.resolve("k8s/kustomization.yaml")));
        var patches = (List<Map<String, Object>>) kustomization.get("patches");
        var topicPatch =
                patches.stream()
                        .filter(
                                p ->
                                        "KafkaTopic"
                                                .equals(
                                                        ((Map<String, Object>) p.get("target"))
                                                                .get("kind")))
                        .findFirst()
                        .orElseThrow();
        List<Map<String, Object>> ops = new Yaml().load((String) topicPatch.get("patch"));
        assertThat(ops)
                .singleElement()
                .satisfies(
                        op -> {
                            assertThat(op).containsEntry("op", "replace");
                            assertThat(op).containsEntry("path", "/spec/partitions");
                            assertThat(op).containsEntry("value", TopicPartitions.DEFAULT);
                        });
    }

    @Test
    @SuppressWarnings("unchecked")
    void kubernetesRunsTwoReplicasOfEachService() throws Exception {
        var replicas = new java.util.LinkedHashMap<String, Object>();
        for (var doc : new Yaml().loadAll(Files.readString(DEPLOY.resolve("k8s/services.yaml")))) {
            var resource = (Map<String, Object>) doc;
            if ("Deployment".equals(resource.get("kind"))) {
                var name = (String) ((Map<String, Object>) resource.get("metadata")).get("name");
                replicas.put(name, ((Map<String, Object>) resource.get("spec")).get("replicas"));
            }
        }
        assertThat(replicas)
                .containsExactlyInAnyOrderEntriesOf(
                        Map.of("ingest-service", 2, "sentiment-service", 2, "alert-service", 2));
    }

    @Test
    void theEmbeddedBrokerGrowsTopicsWithFewerPartitions() {
        try (var broker = KafkaBroker.start(dir, 0, 3)) {
            broker.createTopics(List.of("mentions.ingested.v1", "alerts.v1"), 3);
            broker.createTopics(List.of("mentions.scored.v1"), 8);

            var grown =
                    broker.growPartitions(
                            List.of("mentions.ingested.v1", "alerts.v1", "mentions.scored.v1"), 6);

            assertThat(grown).containsExactlyInAnyOrder("mentions.ingested.v1", "alerts.v1");
            assertThat(broker.partitionCount("mentions.ingested.v1")).isEqualTo(6);
            assertThat(broker.partitionCount("alerts.v1")).isEqualTo(6);
            assertThat(broker.partitionCount("mentions.scored.v1")).isEqualTo(8);
            assertThat(broker.growPartitions(List.of("alerts.v1"), 6)).isEmpty();
        }
    }
}
