package org.caresignal.sentiment.messaging;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.smallrye.reactive.messaging.IncomingInterceptor;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Watches every incoming Kafka channel: records handed to a consumer and not yet acknowledged
 * ({@code caresignal_consumer_in_flight{topic}}) and records sent to the dead-letter topic ({@code
 * caresignal_dead_letters_total{topic}}, the {@code .dlq} topic).
 */
@ApplicationScoped
public class ConsumerMetrics implements IncomingInterceptor {

    private static final Pattern CHANNEL_TOPIC =
            Pattern.compile("mp\\.messaging\\.incoming\\.([^.]+)\\.topic");

    private final MeterRegistry registry;
    private final Map<String, AtomicLong> inFlight = new ConcurrentHashMap<>();
    private final Map<String, Counter> deadLetters = new ConcurrentHashMap<>();
    private final Map<String, String> deadLetterTopics = new ConcurrentHashMap<>();

    public ConsumerMetrics(MeterRegistry registry, Config config) {
        this.registry = registry;
        // Registered at start so that both series exist at 0 before the first record: an alert on
        // increase() needs the zero, and a dashboard shows 0 rather than "no data".
        for (var name : config.getPropertyNames()) {
            var matcher = CHANNEL_TOPIC.matcher(name);
            if (!matcher.matches()) {
                continue;
            }
            var channel = matcher.group(1);
            var topic = config.getValue(name, String.class);
            var deadLetterTopic =
                    config.getOptionalValue(
                                    "mp.messaging.incoming." + channel + ".dead-letter-queue.topic",
                                    String.class)
                            .orElse(topic + ".dlq");
            deadLetterTopics.put(topic, deadLetterTopic);
            inFlight(topic);
            deadLetters(deadLetterTopic);
        }
    }

    // The only interceptor of each channel: SmallRye applies the @Default one where a channel has
    // no @Identifier'd interceptor of its own.
    @Override
    public Message<?> afterMessageReceive(Message<?> message) {
        inFlight(topicOf(message)).incrementAndGet();
        return message;
    }

    @Override
    public void onMessageAck(Message<?> message) {
        inFlight(topicOf(message)).decrementAndGet();
    }

    // Not every nack is a dead letter (StopAwareDeadLetterQueue holds records back while the
    // service stops): dead letters are counted where they are sent, in deadLettered.
    @Override
    public void onMessageNack(Message<?> message, Throwable failure) {
        inFlight(topicOf(message)).decrementAndGet();
    }

    /** One record of this incoming topic was sent to its dead-letter topic. */
    void deadLettered(String topic) {
        deadLetters(deadLetterTopics.getOrDefault(topic, topic + ".dlq")).increment();
    }

    private static String topicOf(Message<?> message) {
        return message.getMetadata(IncomingKafkaRecordMetadata.class)
                .map(IncomingKafkaRecordMetadata::getTopic)
                .orElse("unknown");
    }

    private AtomicLong inFlight(String topic) {
        return inFlight.computeIfAbsent(
                topic,
                t ->
                        registry.gauge(
                                "caresignal.consumer.in.flight",
                                Tags.of("topic", t),
                                new AtomicLong()));
    }

    private Counter deadLetters(String topic) {
        return deadLetters.computeIfAbsent(
                topic,
                t ->
                        Counter.builder("caresignal.dead.letters")
                                .description("Records sent to a dead-letter topic")
                                .tag("topic", t)
                                .register(registry));
    }
}
