package org.caresignal.alert.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Settings of the alert-service under {@code caresignal.alert}: bucket size and stats limits. */
@ConfigMapping(prefix = "caresignal.alert")
public interface AlertConfig {

    /** Width of a counting bucket; a whole number of minutes that divides a day. */
    @WithDefault("PT5M")
    Duration bucketSize();

    Stats stats();

    /** Limits of the stats endpoint. */
    interface Stats {

        /** Window served when a request gives no {@code from}. */
        @WithDefault("PT24H")
        Duration defaultRange();

        /** Longest window a request may ask for. */
        @WithDefault("P92D")
        Duration maxRange();
    }
}
