package org.caresignal.local.stack;

import java.util.Map;

/**
 * How many partitions the CareSignal topics get where they are created for a run: the one variable
 * {@value #VARIABLE} (the local run here, docker-compose's kafka-topics service, and the patch in
 * deploy/k8s/kustomization.yaml for Strimzi), {@value #DEFAULT} by default. Partitions bound how
 * many instances of a service share a topic's work: six let two or three instances each take
 * several.
 */
public final class TopicPartitions {

    public static final String VARIABLE = "CARESIGNAL_PARTITIONS";
    public static final int DEFAULT = 6;
    private static final int MAX = 1_000;

    private TopicPartitions() {}

    /** From this process's environment. */
    public static int fromEnvironment() {
        return from(System.getenv());
    }

    /**
     * From {@code environment}: {@value #DEFAULT} when unset or blank, else a whole number >= 1.
     */
    public static int from(Map<String, String> environment) {
        var value = environment.get(VARIABLE);
        if (value == null || value.isBlank()) {
            return DEFAULT;
        }
        int partitions;
        try {
            partitions = Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    VARIABLE + " must be a whole number of partitions, not " + value);
        }
        if (partitions < 1 || partitions > MAX) {
            throw new IllegalArgumentException(
                    VARIABLE + " must be between 1 and " + MAX + ", not " + partitions);
        }
        return partitions;
    }
}
