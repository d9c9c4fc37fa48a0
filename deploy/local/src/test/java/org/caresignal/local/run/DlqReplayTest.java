package org.caresignal.local.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.caresignal.local.stack.KafkaBroker;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DlqReplayTest {

    @TempDir static Path dir;
    private static KafkaBroker broker;

    @BeforeAll
    static void startBroker() {
        broker = KafkaBroker.start(dir, 0, 3);
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @Test
    void replaysEachDeadLetterOnceIntoItsSourceTopicWithItsKeyAndWithoutTheDeadLetterHeaders()
            throws Exception {
        var topic = "probe-a.ingested.v1";
        broker.createTopics(List.of(topic, topic + ".dlq"), 3);
        try (var producer = producer()) {
            for (int i = 0; i < 5; i++) {
                var record = new ProducerRecord<>(topic + ".dlq", "brand-" + (i % 2), "v" + i);
                record.headers()
                        .add("dead-letter-reason", "db down".getBytes(StandardCharsets.UTF_8));
                record.headers().add("trace", "t".getBytes(StandardCharsets.UTF_8));
                producer.send(record).get();
            }
        }
        var options =
                DlqReplay.Options.parse(
                        "--bootstrap-servers", broker.bootstrapServers(), "--from", topic + ".dlq");
        assertThat(options.target()).isEqualTo(topic);

        assertThat(DlqReplay.replay(options)).isEqualTo(5);
        // A second run finds nothing new: each dead letter is replayed once.
        assertThat(DlqReplay.replay(options)).isZero();

        var replayed = readAll(topic, 5);
        assertThat(replayed)
                .extracting(ConsumerRecord::value)
                .containsExactlyInAnyOrder("v0", "v1", "v2", "v3", "v4");
        // Same key, same partition order as in the dead-letter topic.
        assertThat(
                        replayed.stream()
                                .filter(r -> r.key().equals("brand-0"))
                                .map(ConsumerRecord::value))
                .containsExactly("v0", "v2", "v4");
        for (var record : replayed) {
            assertThat(record.headers().lastHeader("dead-letter-reason")).isNull();
            assertThat(record.headers().lastHeader("trace")).isNotNull();
            assertThat(
                            new String(
                                    record.headers().lastHeader(DlqReplay.REPLAYED_FROM).value(),
                                    StandardCharsets.UTF_8))
                    .startsWith(topic + ".dlq/");
        }
    }

    @Test
    void aDryRunCountsWithoutSendingOrRemembering() throws Exception {
        var topic = "probe-b.ingested.v1";
        broker.createTopics(List.of(topic, topic + ".dlq"), 3);
        try (var producer = producer()) {
            producer.send(new ProducerRecord<>(topic + ".dlq", "k", "dead")).get();
        }
        var dry =
                DlqReplay.Options.parse(
                        "--bootstrap-servers",
                        broker.bootstrapServers(),
                        "--from",
                        topic + ".dlq",
                        "--dry-run");

        assertThat(DlqReplay.replay(dry)).isEqualTo(1);
        assertThat(readAll(topic, 0)).isEmpty();
        var real =
                DlqReplay.Options.parse(
                        "--bootstrap-servers", broker.bootstrapServers(), "--from", topic + ".dlq");
        assertThat(DlqReplay.replay(real)).isEqualTo(1);
        assertThat(readAll(topic, 1)).extracting(ConsumerRecord::value).containsExactly("dead");
    }

    @Test
    void refusesATopicThatIsNotADeadLetterTopicWithoutATarget() {
        assertThatThrownBy(
                        () ->
                                DlqReplay.Options.parse(
                                        "--bootstrap-servers",
                                        "h:1",
                                        "--from",
                                        "mentions.ingested.v1"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(
                        () ->
                                DlqReplay.Options.parse(
                                        "--bootstrap-servers",
                                        "h:1",
                                        "--from",
                                        "a.dlq",
                                        "--to",
                                        "a.dlq"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(
                        DlqReplay.Options.parse(
                                        "--bootstrap-servers", "h:1", "--from", "x", "--to", "y")
                                .target())
                .isEqualTo("y");
    }

    private static KafkaProducer<String, String> producer() {
        return new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        broker.bootstrapServers(),
                        ProducerConfig.ACKS_CONFIG,
                        "all"),
                new StringSerializer(),
                new StringSerializer());
    }

    /**
     * Reads the topic from the start until it has {@code expected} records or a few seconds pass.
     */
    private static List<ConsumerRecord<String, String>> readAll(String topic, int expected) {
        var records = new ArrayList<ConsumerRecord<String, String>>();
        try (var consumer =
                new KafkaConsumer<>(
                        Map.<String, Object>of(
                                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
                        new StringDeserializer(),
                        new StringDeserializer())) {
            var partitions =
                    consumer.partitionsFor(topic).stream()
                            .map(p -> new TopicPartition(topic, p.partition()))
                            .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline =
                    System.nanoTime() + Duration.ofSeconds(expected == 0 ? 2 : 20).toNanos();
            while (System.nanoTime() < deadline && (expected == 0 || records.size() < expected)) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }
}
