package org.caresignal.ingest.domain;

import java.util.Locale;

/**
 * How a file connector replays its file, from the connector's {@code query}: {@code rate=<posts per
 * second>} (default 10), {@code rate=max} (as fast as possible), or {@code timing=original} with
 * {@code speed=<factor>} (the gaps between the records' times, divided by the factor); and {@code
 * format=jsonl|csv} when the file name does not say.
 */
public record ReplayOptions(Double rate, boolean originalTiming, double speed, Format format) {

    /** The file's format. */
    public enum Format {
        JSONL,
        CSV
    }

    public static final double DEFAULT_RATE = 10;
    public static final double MAX_RATE = 100_000;

    /**
     * Reads the options.
     *
     * @throws IllegalArgumentException naming the option that is wrong
     */
    public static ReplayOptions parse(String query, String fileName) {
        Double rate = DEFAULT_RATE;
        boolean original = false;
        double speed = 1;
        Format format = null;
        if (query != null && !query.isBlank()) {
            for (var part : query.strip().split("[\\s,;&]+")) {
                var kv = part.split("=", 2);
                if (kv.length != 2) {
                    throw new IllegalArgumentException(
                            "expected name=value options (rate, timing, speed, format), got '"
                                    + part
                                    + "'");
                }
                var value = kv[1].strip().toLowerCase(Locale.ROOT);
                switch (kv[0].strip().toLowerCase(Locale.ROOT)) {
                    case "rate" -> rate = "max".equals(value) ? null : positive("rate", value);
                    case "timing" -> {
                        if (!"original".equals(value) && !"rate".equals(value)) {
                            throw new IllegalArgumentException("timing must be original or rate");
                        }
                        original = "original".equals(value);
                    }
                    case "speed" -> speed = positive("speed", value);
                    case "format" -> {
                        if (!"jsonl".equals(value) && !"csv".equals(value)) {
                            throw new IllegalArgumentException("format must be jsonl or csv");
                        }
                        format = Format.valueOf(value.toUpperCase(Locale.ROOT));
                    }
                    default ->
                            throw new IllegalArgumentException(
                                    "unknown option '"
                                            + kv[0].strip()
                                            + "' (rate, timing, speed, format)");
                }
            }
        }
        if (format == null) {
            var name = fileName == null ? "" : fileName.toLowerCase(Locale.ROOT);
            if (name.endsWith(".csv")) {
                format = Format.CSV;
            } else if (name.endsWith(".jsonl") || name.endsWith(".ndjson")) {
                format = Format.JSONL;
            } else {
                throw new IllegalArgumentException(
                        "the file must end in .jsonl, .ndjson or .csv, or set format=jsonl|csv");
            }
        }
        return new ReplayOptions(rate, original, speed, format);
    }

    private static double positive(String name, String value) {
        try {
            var d = Double.parseDouble(value);
            if (!(d > 0) || d > MAX_RATE) {
                throw new IllegalArgumentException(
                        name + " must be a number above 0 and at most " + (long) MAX_RATE);
            }
            return d;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number (or rate=max)");
        }
    }
}
