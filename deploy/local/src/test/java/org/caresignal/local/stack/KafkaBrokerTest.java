package org.caresignal.local.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaBrokerTest {

    @TempDir Path dir;

    @Test
    void recordsSurviveABrokerRestartOnTheSameLogDirectory() throws Exception {
        var topic = "probe.written.v1";
        try (var broker = KafkaBroker.start(dir, 0, 3)) {
            broker.createTopics(List.of(topic), 3);
            try (var producer = producer(broker)) {
                producer.send(new ProducerRecord<>(topic, "brand-a", "first")).get();
            }
        }
        try (var broker = KafkaBroker.start(dir, 0, 3)) {
            broker.createTopics(List.of(topic), 3);
            try (var producer = producer(broker)) {
                producer.send(new ProducerRecord<>(topic, "brand-a", "second")).get();
            }
            assertThat(readAll(broker, topic, 2)).containsExactly("first", "second");
        }
    }

    private static KafkaProducer<String, String> producer(KafkaBroker broker) {
        return new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        broker.bootstrapServers(),
                        ProducerConfig.ACKS_CONFIG,
                        "all"),
                new StringSerializer(),
                new StringSerializer());
    }

    private static List<String> readAll(KafkaBroker broker, String topic, int expected) {
        var values = new ArrayList<String>();
        try (var consumer =
                new KafkaConsumer<>(
                        Map.of(
                                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                                ConsumerConfig.GROUP_ID_CONFIG, UUID.randomUUID().toString(),
                                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                        new StringDeserializer(),
                        new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (values.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    values.add(r.value());
                }
            }
        }
        return values;
    }
}
