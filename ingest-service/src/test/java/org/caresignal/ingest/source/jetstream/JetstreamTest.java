package org.caresignal.ingest.source.jetstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import org.caresignal.ingest.domain.MalformedSourceResponseException;
import org.junit.jupiter.api.Test;

/** Reading Jetstream frames (the shapes of the verbatim capture) and where a resume starts. */
class JetstreamTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CREATE =
            "{\"did\":\"did:plc:abcdefghijklmnopqrstuvwx\",\"time_us\":1783175888094841,"
                    + "\"kind\":\"commit\",\"commit\":{\"rev\":\"3mptbypoy522s\",\"operation\":\"create\","
                    + "\"collection\":\"app.bsky.feed.post\",\"rkey\":\"3mptbyqhi7s2f\",\"record\":{"
                    + "\"$type\":\"app.bsky.feed.post\",\"createdAt\":\"2026-07-04T14:38:08.420Z\","
                    + "\"langs\":[\"en\"],\"text\":\"Thank you to the nurses at St Mary's Hospital\"},"
                    + "\"cid\":\"bafyreie36hv3vh74dqr7zvswes4ascrqfwd7nrr3tytck5ypyd5d2a5dge\"}}";

    @Test
    void aPostCreateBecomesAPostWithItsAtUri() {
        var e = JetstreamEvent.parse(JSON, CREATE);
        assertThat(e.isPost()).isTrue();
        assertThat(e.timeUs()).isEqualTo(1783175888094841L);
        assertThat(e.time()).isEqualTo(Instant.parse("2026-07-04T14:38:08.094841Z"));
        assertThat(e.post().externalId())
                .isEqualTo(
                        "at://did:plc:abcdefghijklmnopqrstuvwx/app.bsky.feed.post/3mptbyqhi7s2f");
        assertThat(e.post().url())
                .isEqualTo(
                        "https://bsky.app/profile/did:plc:abcdefghijklmnopqrstuvwx/post/3mptbyqhi7s2f");
        assertThat(e.post().text()).isEqualTo("Thank you to the nurses at St Mary's Hospital");
        assertThat(e.post().publishedAt()).isEqualTo(Instant.parse("2026-07-04T14:38:08.420Z"));
        assertThat(e.post().authorHandle()).isEqualTo("did:plc:abcdefghijklmnopqrstuvwx");
    }

    @Test
    void aLinkCardAddsItsTitleAndDescription() {
        var frame =
                CREATE.replace(
                        "\"text\":\"Thank you to the nurses at St Mary's Hospital\"",
                        "\"text\":\"\",\"embed\":{\"$type\":\"app.bsky.embed.external\","
                                + "\"external\":{\"uri\":\"https://news.example/a\","
                                + "\"title\":\"Mercy General opens a new wing\","
                                + "\"description\":\"The hospital said\"}}");
        assertThat(JetstreamEvent.parse(JSON, frame).post().text())
                .isEqualTo("Mercy General opens a new wing\n\nThe hospital said");
    }

    @Test
    void updatesDeletesOtherCollectionsIdentityAndAccountOnlyMoveTheCursor() {
        var update = CREATE.replace("\"create\"", "\"update\"");
        var like = CREATE.replace("app.bsky.feed.post\",\"rkey", "app.bsky.feed.like\",\"rkey");
        var delete =
                "{\"did\":\"did:plc:abcdefghijklmnopqrstuvwx\",\"time_us\":1783175888377628,"
                        + "\"kind\":\"commit\",\"commit\":{\"rev\":\"3mptbypuw3t2q\","
                        + "\"operation\":\"delete\",\"collection\":\"app.bsky.feed.post\","
                        + "\"rkey\":\"3mpt73z3ejc2p\"}}";
        var identity =
                "{\"did\":\"did:plc:abcdefghijklmnopqrstuvwx\",\"time_us\":1783175888384849,"
                        + "\"kind\":\"identity\",\"identity\":{\"did\":\"did:plc:abcdefghijklmnopqrstuvwx\","
                        + "\"seq\":31527015470,\"time\":\"2026-07-04T14:38:07.877Z\"}}";
        var account =
                "{\"did\":\"did:plc:abcdefghijklmnopqrstuvwx\",\"time_us\":1783175888390226,"
                        + "\"kind\":\"account\",\"account\":{\"active\":true,"
                        + "\"did\":\"did:plc:abcdefghijklmnopqrstuvwx\",\"seq\":31527015471,"
                        + "\"time\":\"2026-07-04T14:38:07.877Z\"}}";
        for (var frame : new String[] {update, like, delete, identity, account}) {
            var e = JetstreamEvent.parse(JSON, frame);
            assertThat(e.isPost()).as(frame).isFalse();
            assertThat(e.timeUs()).isPositive();
        }
        assertThat(JetstreamEvent.parse(JSON, delete).timeUs()).isEqualTo(1783175888377628L);
    }

    @Test
    void malformedFramesAreRefusedWithAReason() {
        assertThatThrownBy(() -> JetstreamEvent.parse(JSON, "{\"did\":"))
                .isInstanceOf(MalformedSourceResponseException.class)
                .hasMessage("frame is not JSON");
        assertThatThrownBy(() -> JetstreamEvent.parse(JSON, "[1]"))
                .hasMessage("frame is not a JSON object");
        assertThatThrownBy(
                        () -> JetstreamEvent.parse(JSON, CREATE.replace("1783175888094841", "-4")))
                .hasMessage("frame without a positive time_us");
        assertThatThrownBy(
                        () ->
                                JetstreamEvent.parse(
                                        JSON,
                                        CREATE.replace("did:plc:abcdefghijklmnopqrstuvwx", "x")))
                .hasMessage("post create without did, rkey or record");
        assertThatThrownBy(
                        () ->
                                JetstreamEvent.parse(
                                        JSON, CREATE.replace("\"rkey\":\"3mptbyqhi7s2f\",", "")))
                .hasMessage("post create without did, rkey or record");
    }

    @Test
    void aResumeRewindsAFewSecondsButNeverBeyondTheLookback() {
        var now = Instant.parse("2026-07-04T12:00:00Z");
        long nowUs = now.getEpochSecond() * 1_000_000L;
        var rewind = Duration.ofSeconds(5);
        var lookback = Duration.ofHours(36);

        assertThat(JetstreamCursor.resume(null, now, rewind, lookback))
                .isEqualTo(new JetstreamCursor.Resume(null, false));
        var recent = new JetstreamCursor(nowUs - 60_000_000L);
        assertThat(JetstreamCursor.resume(recent, now, rewind, lookback))
                .isEqualTo(new JetstreamCursor.Resume(nowUs - 65_000_000L, false));
        var old = new JetstreamCursor(nowUs - Duration.ofHours(40).toSeconds() * 1_000_000L);
        assertThat(JetstreamCursor.resume(old, now, rewind, lookback))
                .isEqualTo(
                        new JetstreamCursor.Resume(
                                nowUs - Duration.ofHours(36).toSeconds() * 1_000_000L, true));
    }

    @Test
    void theCursorIsStoredAndReadBack() {
        var c = new JetstreamCursor(1783175888094841L);
        assertThat(c.toState()).isEqualTo("{\"timeUs\":1783175888094841}");
        assertThat(JetstreamCursor.fromState(c.toState())).isEqualTo(c);
        assertThat(JetstreamCursor.fromState(null)).isNull();
        assertThat(JetstreamCursor.fromState("{\"other\":1}")).isNull();
    }
}
