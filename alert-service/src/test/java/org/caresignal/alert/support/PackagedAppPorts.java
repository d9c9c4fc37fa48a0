package org.caresignal.alert.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * The packaged application of the {@code *IT} tests runs the prod profile, whose management port is
 * the fixed 9083 (the launcher only moves the HTTP port): give it a free one, so the test never
 * collides with a local run. {@code @QuarkusTest} uses {@code quarkus.management.test-port}.
 */
public class PackagedAppPorts implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return Map.of("%prod.quarkus.management.port", "0");
    }

    @Override
    public void stop() {}
}
