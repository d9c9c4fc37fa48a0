package org.caresignal.alert.support;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.caresignal.local.stack.CareSignalStackResource;
import org.eclipse.microprofile.config.ConfigProvider;

/** Writes to and reads from topics of the real test broker, as a plain Kafka client. */
public final class KafkaTestClient {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private KafkaTestClient() {}

    /**
     * Sends the records in order, keyed by {@code key}, and waits until the broker has them all.
     */
    public static void send(String topic, String key, String... values) {
        try (var producer =
                new KafkaProducer<>(
                        Map.<String, Object>of(
                                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                                bootstrapServers(),
                                ProducerConfig.ACKS_CONFIG,
                                "all"),
                        new StringSerializer(),
                        new StringSerializer())) {
            for (var value : values) {
                producer.send(new ProducerRecord<>(topic, key, value))
                        .get(WAIT.toSeconds(), TimeUnit.SECONDS);
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new AssertionError("could not send to " + topic, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while sending to " + topic, e);
        }
    }

    /**
     * Polls {@code topic} from the beginning until a record matching {@code until} arrives (or 30 s
     * pass) and returns every record seen that matches {@code keep}.
     */
    public static List<ConsumerRecord<String, String>> readUntil(
            String topic,
            Predicate<ConsumerRecord<String, String>> keep,
            Predicate<ConsumerRecord<String, String>> until) {
        var seen = new ArrayList<ConsumerRecord<String, String>>();
        try (var consumer =
                new KafkaConsumer<>(
                        Map.<String, Object>of(
                                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                                bootstrapServers(),
                                ConsumerConfig.GROUP_ID_CONFIG,
                                "test-" + UUID.randomUUID(),
                                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                                "earliest"),
                        new StringDeserializer(),
                        new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            var deadline = System.nanoTime() + WAIT.toNanos();
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
                throw new AssertionError("no awaited record on " + topic + " within " + WAIT);
            }
        }
        return seen;
    }

    /** The first {@code count} records of {@code topic} keyed by {@code key}, in order. */
    public static List<ConsumerRecord<String, String>> firstKeyed(
            String topic, String key, int count) {
        var seen = new ArrayList<ConsumerRecord<String, String>>();
        return readUntil(
                topic,
                r -> key.equals(r.key()),
                r -> {
                    if (key.equals(r.key())) {
                        seen.add(r);
                    }
                    return seen.size() >= count;
                });
    }

    /** A record header as text, or null when the record has none of that name. */
    public static String header(ConsumerRecord<String, String> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** The test broker: from the test resource, or from the app's config inside @QuarkusTest. */
    public static String bootstrapServers() {
        var fromResource = System.getProperty(CareSignalStackResource.KAFKA_PROPERTY);
        return fromResource != null
                ? fromResource
                : ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
    }
}
