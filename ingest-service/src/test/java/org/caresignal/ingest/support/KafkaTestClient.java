package org.caresignal.ingest.support;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.caresignal.local.stack.CareSignalStackResource;
import org.eclipse.microprofile.config.ConfigProvider;

/** Reads a topic of the real test broker from the beginning, as a fresh consumer group. */
public final class KafkaTestClient {

    private KafkaTestClient() {}

    /**
     * Polls {@code topic} until a record matching {@code until} arrives (or 60 s pass) and returns
     * every record seen that matches {@code keep}.
     */
    public static List<ConsumerRecord<String, String>> readUntil(
            String topic,
            Predicate<ConsumerRecord<String, String>> keep,
            Predicate<ConsumerRecord<String, String>> until) {
        return readUntil(bootstrapServers(), topic, keep, until);
    }

    /** The same, on the given brokers. */
    public static List<ConsumerRecord<String, String>> readUntil(
            String bootstrapServers,
            String topic,
            Predicate<ConsumerRecord<String, String>> keep,
            Predicate<ConsumerRecord<String, String>> until) {
        var seen = new ArrayList<ConsumerRecord<String, String>>();
        try (var consumer =
                new KafkaConsumer<>(
                        Map.of(
                                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                                bootstrapServers,
                                ConsumerConfig.GROUP_ID_CONFIG,
                                "test-" + UUID.randomUUID(),
                                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                                "earliest"),
                        new StringDeserializer(),
                        new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            var deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            var done = false;
            while (!done && System.nanoTime() < deadline) {
                for (var record : consumer.poll(Duration.ofMillis(200))) {
                    if (keep.test(record)) {
                        seen.add(record);
                    }
                    done |= until.test(record);
                }
            }
            if (!done) {
                throw new AssertionError("no awaited record on " + topic + " within 60 s");
            }
        }
        return seen;
    }

    /**
     * Every record of {@code topic} matching {@code keep}, from the beginning to the end offsets of
     * its partitions as they are now: when nothing is being published, all there is.
     */
    public static List<ConsumerRecord<String, String>> readAll(
            String topic, Predicate<ConsumerRecord<String, String>> keep) {
        var seen = new ArrayList<ConsumerRecord<String, String>>();
        try (var consumer =
                new KafkaConsumer<>(
                        Map.<String, Object>of(
                                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                                bootstrapServers(),
                                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                                false),
                        new StringDeserializer(),
                        new StringDeserializer())) {
            var partitions =
                    consumer.partitionsFor(topic).stream()
                            .map(p -> new TopicPartition(topic, p.partition()))
                            .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            var end = consumer.endOffsets(partitions);
            var deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("could not read " + topic + " to its end in 60 s");
                }
                for (var record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.offset() < end.get(new TopicPartition(topic, record.partition()))
                            && keep.test(record)) {
                        seen.add(record);
                    }
                }
            }
        }
        return seen;
    }

    /**
     * How often each {@code externalId} was published on {@code mentions.ingested.v1} under the
     * given brand keys: the "each once" check of the multi-instance tests.
     */
    public static Map<String, Long> publishedExternalIds(java.util.Collection<String> brands) {
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        var counts = new java.util.TreeMap<String, Long>();
        for (var r : readAll("mentions.ingested.v1", k -> brands.contains(k.key()))) {
            try {
                counts.merge(json.readTree(r.value()).get("externalId").asText(), 1L, Long::sum);
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return counts;
    }

    /** Sends one record and waits for the broker's acknowledgement. */
    public static void send(String topic, String key, String value) {
        try (var producer =
                new org.apache.kafka.clients.producer.KafkaProducer<String, String>(
                        Map.<String, Object>of(
                                org.apache.kafka.clients.producer.ProducerConfig
                                        .BOOTSTRAP_SERVERS_CONFIG,
                                bootstrapServers(),
                                org.apache.kafka.clients.producer.ProducerConfig.ACKS_CONFIG,
                                "all"),
                        new org.apache.kafka.common.serialization.StringSerializer(),
                        new org.apache.kafka.common.serialization.StringSerializer())) {
            producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>(topic, key, value))
                    .get(30, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("could not send to " + topic, e);
        }
    }

    public static String bootstrapServers() {
        var fromResource = System.getProperty(CareSignalStackResource.KAFKA_PROPERTY);
        return fromResource != null
                ? fromResource
                : ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
    }
}
