package org.caresignal.alert.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TimeBucketsTest {

    private final TimeBuckets fiveMinutes = new TimeBuckets(Duration.ofMinutes(5));

    @Test
    void floorsToTheStartOfTheFiveMinuteBucket() {
        assertThat(fiveMinutes.startOf(Instant.parse("2026-11-24T14:03:00Z")))
                .isEqualTo(Instant.parse("2026-11-24T14:00:00Z"));
    }

    @Test
    void anInstantExactlyOnABoundaryStartsItsOwnBucket() {
        assertThat(fiveMinutes.startOf(Instant.parse("2026-11-24T14:05:00Z")))
                .isEqualTo(Instant.parse("2026-11-24T14:05:00Z"));
    }

    @Test
    void oneNanosecondBeforeABoundaryBelongsToThePreviousBucket() {
        assertThat(fiveMinutes.startOf(Instant.parse("2026-11-24T14:04:59.999999999Z")))
                .isEqualTo(Instant.parse("2026-11-24T14:00:00Z"));
    }

    @Test
    void oneNanosecondBeforeMidnightBelongsToTheLastBucketOfTheDay() {
        assertThat(fiveMinutes.startOf(Instant.parse("2026-11-24T23:59:59.999999999Z")))
                .isEqualTo(Instant.parse("2026-11-24T23:55:00Z"));
    }

    @Test
    void instantsBeforeTheEpochFloorDownwardsNotTowardsZero() {
        assertThat(fiveMinutes.startOf(Instant.parse("1969-12-31T23:59:59.999999999Z")))
                .isEqualTo(Instant.parse("1969-12-31T23:55:00Z"));
        assertThat(fiveMinutes.startOf(Instant.parse("1900-03-01T10:12:34.5Z")))
                .isEqualTo(Instant.parse("1900-03-01T10:10:00Z"));
    }

    @Test
    void farPastAndFarFutureInstantsStillAlignToUtcBuckets() {
        assertThat(fiveMinutes.startOf(Instant.parse("0001-01-01T00:04:59Z")))
                .isEqualTo(Instant.parse("0001-01-01T00:00:00Z"));
        assertThat(fiveMinutes.startOf(Instant.parse("9999-12-31T23:59:59Z")))
                .isEqualTo(Instant.parse("9999-12-31T23:55:00Z"));
    }

    @Test
    void otherSizesAlignToUtcMidnight() {
        var hours = new TimeBuckets(Duration.ofHours(1));
        assertThat(hours.startOf(Instant.parse("2026-11-24T14:59:59Z")))
                .isEqualTo(Instant.parse("2026-11-24T14:00:00Z"));
        assertThat(hours.minutes()).isEqualTo(60);
        assertThat(
                        new TimeBuckets(Duration.ofDays(1))
                                .startOf(Instant.parse("2026-11-24T23:00:00Z")))
                .isEqualTo(Instant.parse("2026-11-24T00:00:00Z"));
        assertThat(fiveMinutes.minutes()).isEqualTo(5);
    }

    @ParameterizedTest
    @ValueSource(strings = {"PT0S", "-PT5M", "PT30S", "PT5M30S", "PT7M", "PT0.5S", "P2D"})
    void rejectsSizesThatAreNotWholeMinutesDividingADay(String size) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new TimeBuckets(Duration.parse(size)))
                .withMessageContaining("bucket size");
    }
}
