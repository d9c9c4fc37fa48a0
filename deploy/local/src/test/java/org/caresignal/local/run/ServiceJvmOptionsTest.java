package org.caresignal.local.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The services' JVM options: their own, then what CARESIGNAL_SERVICE_JVM_OPTIONS adds. */
class ServiceJvmOptionsTest {

    @Test
    void extraOptionsFollowTheServicesOwnSplitOnBlanks() {
        assertThat(
                        CareSignalSystem.jvmOptions(
                                List.of("-Xmx512m", "-XX:+UseG1GC"),
                                "  -XX:+UseSerialGC   -XX:CICompilerCount=2 "))
                .containsExactly(
                        "-Xmx512m", "-XX:+UseG1GC", "-XX:+UseSerialGC", "-XX:CICompilerCount=2");
    }

    @Test
    void withoutExtraOptionsOnlyTheServicesOwn() {
        assertThat(CareSignalSystem.jvmOptions(List.of("-Xmx2g"), null)).containsExactly("-Xmx2g");
        assertThat(CareSignalSystem.jvmOptions(List.of("-Xmx2g"), " ")).containsExactly("-Xmx2g");
    }
}
