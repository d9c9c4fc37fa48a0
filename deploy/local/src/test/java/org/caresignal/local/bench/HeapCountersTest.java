package org.caresignal.local.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryType;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/** A local JVM's heap in use is read from its HotSpot counters file. */
class HeapCountersTest {

    @Test
    void thisJvmsHeapInUseIsReadFromItsCountersFile() {
        var file = HeapCounters.file(ProcessHandle.current().pid());
        assertThat(file).as("this JVM's hsperfdata file").isNotNull();

        // Something the heap holds while it is read, so that it cannot be empty.
        var held = new byte[64 << 20];
        long fromBeans = heapUsedByBeans();
        var fromCounters = HeapCounters.heapUsed(file);

        assertThat(held).hasSize(64 << 20);
        assertThat(fromCounters).isPresent();
        // The counters are updated by the JVM now and then, the beans read live: near, not equal.
        assertThat(fromCounters.getAsLong()).isGreaterThan(64L << 20);
        assertThat((double) fromCounters.getAsLong()).isBetween(fromBeans * 0.5, fromBeans * 2.0);
    }

    @Test
    void bytesThatAreNotHotSpotCountersGiveNothing() {
        assertThat(HeapCounters.heapUsed(ByteBuffer.wrap(new byte[64]))).isEmpty();
        assertThat(HeapCounters.heapUsed(ByteBuffer.wrap(new byte[4]))).isEmpty();
        assertThat(HeapCounters.file(Long.MAX_VALUE)).isNull();
    }

    private static long heapUsedByBeans() {
        long used = 0;
        for (var pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                used += pool.getUsage().getUsed();
            }
        }
        return used;
    }
}
