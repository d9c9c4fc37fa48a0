package org.caresignal.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The committed THIRD-PARTY.txt is what a distributor reads: it must be the notice the build
 * generates from the runtime dependencies (license-maven-plugin, root pom), so a dependency change
 * fails here until the notice is regenerated.
 */
class ThirdPartyNoticeTest {

    @Test
    void committedNoticeIsTheOneGeneratedFromTheRuntimeDependencies() throws IOException {
        var generated = Path.of("target/generated-sources/license/THIRD-PARTY.txt");
        assertThat(generated)
                .as("written by license:add-third-party at generate-resources")
                .exists();
        assertThat(Files.readString(Path.of("THIRD-PARTY.txt")))
                .as(
                        "alert-service/THIRD-PARTY.txt is stale; regenerate it with"
                                + " ./mvnw -B -pl alert-service -am compile -Dthird-party.update")
                .isEqualTo(Files.readString(generated));
    }
}
