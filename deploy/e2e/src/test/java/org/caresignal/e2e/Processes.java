package org.caresignal.e2e;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.caresignal.local.stack.ServiceProcess;

/**
 * Service processes of the end-to-end run: stopping them together, and the consumer settings that
 * let a killed one (a test's own instance) leave its group quickly.
 */
final class Processes {

    private Processes() {}

    /**
     * Closes every service at once and returns when all have stopped: a graceful stop takes an
     * alert- or sentiment-service several seconds, which one after the other add up.
     */
    static void closeTogether(List<ServiceProcess> services) throws InterruptedException {
        var stopping = new ArrayList<Thread>();
        for (var service : services) {
            var thread = new Thread(service::close, "stop-" + service.name());
            thread.start();
            stopping.add(thread);
        }
        for (var thread : stopping) {
            thread.join();
        }
    }

    /**
     * System properties giving each of a service's incoming channels (all members of its one
     * consumer group) a 10 s session instead of the client's 45 s and a 1 s heartbeat: a killed
     * instance's members leave the group after 10 s, and the members left hear of the rebalance
     * within a second. A rebalance waits for every member, so one channel left at 45 s would hold
     * the others back.
     */
    static Map<String, String> shortSessions(List<String> channels) {
        var config = new LinkedHashMap<String, String>();
        for (var channel : channels) {
            config.put("mp.messaging.incoming." + channel + ".session.timeout.ms", "10000");
            config.put("mp.messaging.incoming." + channel + ".heartbeat.interval.ms", "1000");
        }
        return config;
    }
}
