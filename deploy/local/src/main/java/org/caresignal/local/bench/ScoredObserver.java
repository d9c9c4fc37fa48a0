package org.caresignal.local.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Watches {@code mentions.scored.v1} from its end onwards, outside any consumer group, and keeps
 * for each mention the timestamp of the first record that scored it: the broker's CreateTime, set
 * by sentiment-service's producer when it sent the record.
 */
public final class ScoredObserver implements AutoCloseable {

    static final String TOPIC = "mentions.scored.v1";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final KafkaConsumer<String, String> consumer;
    private final Map<UUID, Long> scoredAt = new ConcurrentHashMap<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread thread;

    public ScoredObserver(String bootstrapServers) {
        var props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        consumer = new KafkaConsumer<>(props);
        var partitions =
                consumer.partitionsFor(TOPIC, Duration.ofSeconds(30)).stream()
                        .map(p -> new TopicPartition(TOPIC, p.partition()))
                        .toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        // Resolves the end offsets now, so that nothing published from here on is skipped.
        partitions.forEach(consumer::position);
        thread = new Thread(this::loop, "bench-scored-observer");
        thread.setDaemon(true);
        thread.start();
    }

    private void loop() {
        try {
            while (running.get()) {
                for (var record : consumer.poll(Duration.ofMillis(200))) {
                    var id = mentionId(record.value());
                    if (id != null) {
                        scoredAt.putIfAbsent(id, record.timestamp());
                    }
                }
            }
        } catch (WakeupException e) {
            // Closing.
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    static UUID mentionId(String value) {
        try {
            var id = JSON.readTree(value).path("mentionId").asText(null);
            return id == null ? null : UUID.fromString(id);
        } catch (Exception e) {
            return null;
        }
    }

    /** When the mention's scored record was created (epoch ms), or null if not seen yet. */
    public Long scoredAt(UUID mentionId) {
        return scoredAt.get(mentionId);
    }

    @Override
    public void close() {
        running.set(false);
        consumer.wakeup();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
