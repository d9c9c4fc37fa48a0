package org.caresignal.local.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * A local JVM's heap in use, read from the performance counters HotSpot keeps in a shared file
 * ({@code /tmp/hsperfdata_<user>/<pid>}, the counters {@code jstat} reads): reading them costs the
 * measured JVM nothing, where a scrape of its {@code /q/metrics} formats every meter it has.
 *
 * <p>The file holds a prologue (magic {@code 0xcafec0c0}, byte order, version, the offset and count
 * of the entries) and then one entry per counter: its length, the offsets of its name and of its
 * data, its type ({@code 'J'}: a 64-bit value). The heap in use is the sum of the {@code used}
 * counters of every space of every generation ({@code sun.gc.generation.N.space.M.used}).
 */
final class HeapCounters {

    private static final int MAGIC = 0xcafec0c0;
    private static final Pattern HEAP_SPACE_USED =
            Pattern.compile("sun\\.gc\\.generation\\.\\d+\\.space\\.\\d+\\.used");

    private HeapCounters() {}

    /** The counters file of the local JVM {@code pid}, if there is one. */
    static Path file(long pid) {
        var tmp = Path.of("/tmp");
        try (var dirs = Files.list(tmp)) {
            return dirs.filter(d -> d.getFileName().toString().startsWith("hsperfdata_"))
                    .map(d -> d.resolve(Long.toString(pid)))
                    .filter(Files::isRegularFile)
                    .findFirst()
                    .orElse(null);
        } catch (IOException e) {
            return null;
        }
    }

    /** Heap in use in bytes from a counters file; empty when it cannot be read. */
    static OptionalLong heapUsed(Path file) {
        try {
            return heapUsed(ByteBuffer.wrap(Files.readAllBytes(file)));
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }

    /** Heap in use in bytes from the counters' bytes; empty when they are not HotSpot's. */
    static OptionalLong heapUsed(ByteBuffer data) {
        if (data.limit() < 32 || data.getInt(0) != MAGIC) {
            return OptionalLong.empty();
        }
        data.order(data.get(4) == 0 ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        int entry = data.getInt(24);
        int entries = data.getInt(28);
        long sum = 0;
        boolean any = false;
        for (int i = 0; i < entries; i++) {
            int length = data.getInt(entry);
            int nameOffset = data.getInt(entry + 4);
            byte type = data.get(entry + 12);
            int dataOffset = data.getInt(entry + 16);
            if (type == 'J' && HEAP_SPACE_USED.matcher(name(data, entry + nameOffset)).matches()) {
                sum += data.getLong(entry + dataOffset);
                any = true;
            }
            if (length <= 0) {
                break;
            }
            entry += length;
        }
        return any ? OptionalLong.of(sum) : OptionalLong.empty();
    }

    private static String name(ByteBuffer data, int at) {
        int end = at;
        while (end < data.limit() && data.get(end) != 0) {
            end++;
        }
        var bytes = new byte[end - at];
        data.get(at, bytes);
        return new String(bytes, StandardCharsets.US_ASCII);
    }
}
