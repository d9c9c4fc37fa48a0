package org.caresignal.local.run;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Copies the records of a dead-letter topic ({@code <topic>.dlq}) back into its source topic after
 * a fix, once each: key, value and headers as they were (without the connector's {@code
 * dead-letter-*} headers), in partition order, remembering in a consumer group how far it got.
 */
// Safe because every consumer is idempotent per mention or event id: a record replayed twice, or
// replayed although an earlier delivery did get through, is processed once.
public final class DlqReplay {

    /** The consumer group that remembers, per dead-letter topic, what was already replayed. */
    public static final String GROUP = "caresignal-dlq-replay";

    /** The header a replayed record carries: {@code <dlq topic>/<partition>/<offset>}. */
    public static final String REPLAYED_FROM = "dlq-replayed-from";

    private static final String DLQ_SUFFIX = ".dlq";
    private static final Duration POLL = Duration.ofMillis(500);

    /** What to replay: {@code target} null means the dead-letter topic's name without ".dlq". */
    public record Options(String bootstrapServers, String dlqTopic, String target, boolean dryRun) {

        public Options {
            if (bootstrapServers == null || bootstrapServers.isBlank()) {
                throw new IllegalArgumentException("--bootstrap-servers is required");
            }
            if (dlqTopic == null || dlqTopic.isBlank()) {
                throw new IllegalArgumentException("--from <topic>.dlq is required");
            }
            if (target == null) {
                if (!dlqTopic.endsWith(DLQ_SUFFIX)) {
                    throw new IllegalArgumentException(
                            "--from must end in .dlq, or name the target with --to");
                }
                target = dlqTopic.substring(0, dlqTopic.length() - DLQ_SUFFIX.length());
            }
            if (target.equals(dlqTopic)) {
                throw new IllegalArgumentException("--to must differ from --from");
            }
        }

        /** Parses {@code --bootstrap-servers H:P --from T.dlq [--to T] [--dry-run]}. */
        public static Options parse(String... args) {
            String bootstrap = System.getenv("KAFKA_BOOTSTRAP_SERVERS");
            String from = null;
            String to = null;
            boolean dryRun = false;
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--bootstrap-servers" -> bootstrap = value(args, ++i);
                    case "--from" -> from = value(args, ++i);
                    case "--to" -> to = value(args, ++i);
                    case "--dry-run" -> dryRun = true;
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
            return new Options(bootstrap, from, to, dryRun);
        }

        private static String value(String[] args, int i) {
            if (i >= args.length) {
                throw new IllegalArgumentException(args[i - 1] + " needs a value");
            }
            return args[i];
        }
    }

    private DlqReplay() {}

    public static void main(String[] args) throws Exception {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(
                    "usage: dlq-replay --bootstrap-servers HOST:PORT --from TOPIC.dlq [--to TOPIC]"
                            + " [--dry-run]");
            System.exit(2);
            return;
        }
        int replayed = replay(options);
        System.out.printf(
                "%s %d record(s) from %s to %s%n",
                options.dryRun() ? "Would replay" : "Replayed",
                replayed,
                options.dlqTopic(),
                options.target());
    }

    /**
     * Replays what the dead-letter topic holds now and was not replayed before; records that are
     * dead-lettered meanwhile wait for the next run, so a record that fails again cannot loop.
     *
     * @return how many records were (or, for a dry run, would be) replayed
     */
    public static int replay(Options options) throws InterruptedException, ExecutionException {
        try (var consumer = new KafkaConsumer<>(consumerConfig(options));
                var producer = new KafkaProducer<>(producerConfig(options))) {
            var partitions = new ArrayList<TopicPartition>();
            for (var info : consumer.partitionsFor(options.dlqTopic(), Duration.ofSeconds(30))) {
                partitions.add(new TopicPartition(info.topic(), info.partition()));
            }
            consumer.assign(partitions);
            var end = consumer.endOffsets(partitions);
            var committed = consumer.committed(new HashSet<>(partitions));
            var remaining = new HashMap<TopicPartition, Long>();
            for (var partition : partitions) {
                var done = committed.get(partition);
                if (done != null) {
                    consumer.seek(partition, done.offset());
                } else {
                    consumer.seekToBeginning(List.of(partition));
                }
                long position = consumer.position(partition);
                if (position < end.get(partition)) {
                    remaining.put(partition, end.get(partition));
                }
            }
            int count = 0;
            var sends = new ArrayList<Future<RecordMetadata>>();
            var progress = new HashMap<TopicPartition, OffsetAndMetadata>();
            while (!remaining.isEmpty()) {
                for (var record : consumer.poll(POLL)) {
                    var partition = new TopicPartition(record.topic(), record.partition());
                    Long stop = remaining.get(partition);
                    if (stop == null || record.offset() >= stop) {
                        continue;
                    }
                    var headers = new RecordHeaders();
                    for (var header : record.headers()) {
                        if (!header.key().startsWith("dead-letter-")) {
                            headers.add(header);
                        }
                    }
                    headers.add(
                            REPLAYED_FROM,
                            (record.topic() + "/" + record.partition() + "/" + record.offset())
                                    .getBytes(StandardCharsets.UTF_8));
                    if (!options.dryRun()) {
                        sends.add(
                                producer.send(
                                        new ProducerRecord<>(
                                                options.target(),
                                                null,
                                                record.key(),
                                                record.value(),
                                                headers)));
                    }
                    count++;
                    progress.put(partition, new OffsetAndMetadata(record.offset() + 1));
                }
                for (var partition : List.copyOf(remaining.keySet())) {
                    if (consumer.position(partition) >= remaining.get(partition)) {
                        remaining.remove(partition);
                    }
                }
            }
            if (options.dryRun()) {
                return count;
            }
            producer.flush();
            for (var send : sends) {
                // Throws if the broker refused one: then nothing is marked replayed.
                send.get();
            }
            if (!progress.isEmpty()) {
                consumer.commitSync(progress);
            }
            return count;
        }
    }

    private static Properties consumerConfig(Options options) {
        var config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, options.bootstrapServers());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, GROUP);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        return config;
    }

    private static Map<String, Object> producerConfig(Options options) {
        var config = new HashMap<String, Object>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, options.bootstrapServers());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        return config;
    }
}
