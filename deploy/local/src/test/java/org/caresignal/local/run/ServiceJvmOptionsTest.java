package org.caresignal.local.run;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The services' JVM options: the heap, then what CARESIGNAL_SERVICE_JVM_OPTIONS adds. */
class ServiceJvmOptionsTest {

    @Test
    void extraOptionsFollowTheHeapSplitOnBlanks() {
        assertThat(
                        CareSignalSystem.jvmOptions(
                                "-Xmx512m", "  -XX:+UseSerialGC   -XX:CICompilerCount=2 "))
                .containsExactly("-Xmx512m", "-XX:+UseSerialGC", "-XX:CICompilerCount=2");
    }

    @Test
    void withoutExtraOptionsOnlyTheHeap() {
        assertThat(CareSignalSystem.jvmOptions("-Xmx2g", null)).containsExactly("-Xmx2g");
        assertThat(CareSignalSystem.jvmOptions("-Xmx2g", " ")).containsExactly("-Xmx2g");
    }
}
