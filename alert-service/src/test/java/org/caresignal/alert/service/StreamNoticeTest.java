package org.caresignal.alert.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import org.caresignal.alert.domain.incident.Explanation;
import org.caresignal.alert.support.AlertEvents;
import org.junit.jupiter.api.Test;

class StreamNoticeTest {

    private static final UUID ORIGIN = UUID.randomUUID();

    private static Explanation.Sample sample(int i, String excerpt, int urlLength) {
        return new Explanation.Sample(
                UUID.randomUUID().toString(),
                "https://example.org/" + "p".repeat(urlLength) + i,
                excerpt);
    }

    @Test
    void aNoticeThatFitsTravelsWhole() {
        var event = AlertEvents.raised("riverside-health");
        var json =
                new StreamNotice(ORIGIN, event).encode(AlertEvents.mapper(), 7_900).orElseThrow();

        var read = StreamNotice.decode(AlertEvents.mapper(), json);

        assertThat(read.origin()).isEqualTo(ORIGIN);
        assertThat(read.event()).isEqualTo(event);
    }

    @Test
    void excerptsGoFirstWhenTheNoticeIsTooLarge() {
        var excerpt = "ü".repeat(140); // two UTF-8 bytes a character
        var samples =
                List.of(sample(1, excerpt, 50), sample(2, excerpt, 50), sample(3, excerpt, 50));
        var event = AlertEvents.raised("riverside-health").withSamples(samples);
        var whole =
                new StreamNotice(ORIGIN, event).encode(AlertEvents.mapper(), 100_000).orElseThrow();
        int limit = whole.getBytes(StandardCharsets.UTF_8).length - 1;

        var json =
                new StreamNotice(ORIGIN, event).encode(AlertEvents.mapper(), limit).orElseThrow();
        var read = StreamNotice.decode(AlertEvents.mapper(), json).event();

        assertThat(json.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(limit);
        assertThat(read.samples()).extracting(Explanation.Sample::excerpt).containsOnlyNulls();
        assertThat(read.samples())
                .extracting(Explanation.Sample::url)
                .containsExactlyElementsOf(samples.stream().map(Explanation.Sample::url).toList());
        assertThat(read.summary()).isEqualTo(event.summary());
    }

    @Test
    void samplesGoNextAndNothingGoesOutWhenEvenTheBareEventIsTooLarge() {
        var samples = Collections.nCopies(5, sample(1, null, 3_000));
        var event = AlertEvents.raised("riverside-health").withSamples(samples);

        var json =
                new StreamNotice(ORIGIN, event).encode(AlertEvents.mapper(), 7_900).orElseThrow();

        assertThat(StreamNotice.decode(AlertEvents.mapper(), json).event().samples()).isEmpty();
        assertThat(new StreamNotice(ORIGIN, event).encode(AlertEvents.mapper(), 200)).isEmpty();
    }
}
