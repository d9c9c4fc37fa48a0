package org.caresignal.ingest.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Replay files: the options, JSONL lines, CSV records and what makes a line malformed. */
class ReplayTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void optionsSayTheRateTheTimingAndTheFormat() {
        assertThat(ReplayOptions.parse(null, "a.jsonl"))
                .isEqualTo(new ReplayOptions(10.0, false, 1, ReplayOptions.Format.JSONL));
        assertThat(ReplayOptions.parse("rate=max", "a.csv"))
                .isEqualTo(new ReplayOptions(null, false, 1, ReplayOptions.Format.CSV));
        assertThat(ReplayOptions.parse("rate=2.5", "a.ndjson").rate()).isEqualTo(2.5);
        assertThat(ReplayOptions.parse("timing=original, speed=60", "a.jsonl"))
                .isEqualTo(new ReplayOptions(10.0, true, 60, ReplayOptions.Format.JSONL));
        assertThat(ReplayOptions.parse("format=csv", "posts.txt").format())
                .isEqualTo(ReplayOptions.Format.CSV);
        assertThatThrownBy(() -> ReplayOptions.parse("rate=0", "a.jsonl"))
                .hasMessageContaining("rate must be a number above 0");
        assertThatThrownBy(() -> ReplayOptions.parse("rate=fast", "a.jsonl"))
                .hasMessageContaining("rate must be a number");
        assertThatThrownBy(() -> ReplayOptions.parse("pace=1", "a.jsonl"))
                .hasMessageContaining("unknown option 'pace'");
        assertThatThrownBy(() -> ReplayOptions.parse(null, "a.txt")).hasMessageContaining(".jsonl");
    }

    @Test
    void aJsonlLineOfTheDemoShapeIsRead() {
        var r =
                ReplayRecord.fromJson(
                        JSON,
                        "{\"brandId\": \"riverside-health\", \"facilityId\": \"riverside-north\","
                                + " \"source\": \"rss\", \"externalId\": \"https://news.example/1\","
                                + " \"url\": \"https://news.example/1\", \"text\": \"Road work at"
                                + " Riverside North\", \"offsetSeconds\": 90}");
        assertThat(r.brandId()).isEqualTo("riverside-health");
        assertThat(r.facilityId()).isEqualTo("riverside-north");
        assertThat(r.source()).isEqualTo("rss");
        assertThat(r.externalId()).isEqualTo("https://news.example/1");
        assertThat(r.text()).isEqualTo("Road work at Riverside North");
        assertThat(r.timeSeconds()).isEqualTo(90.0);
        var dated =
                ReplayRecord.fromJson(
                        JSON, "{\"text\":\"x\",\"publishedAt\":\"2026-08-01T12:00:01.500Z\"}");
        assertThat(dated.publishedAt()).isEqualTo(Instant.parse("2026-08-01T12:00:01.500Z"));
        assertThat(dated.timeSeconds()).isEqualTo(1785585601.5);
        assertThat(dated.brandId()).isNull();
    }

    @Test
    void malformedLinesSayWhatIsWrongWithoutTheirContent() {
        assertThatThrownBy(() -> ReplayRecord.fromJson(JSON, "{\"text\": \"call 555"))
                .isInstanceOf(MalformedSourceResponseException.class)
                .hasMessage("not JSON");
        assertThatThrownBy(() -> ReplayRecord.fromJson(JSON, "[\"a\"]"))
                .hasMessage("not a JSON object");
        assertThatThrownBy(() -> ReplayRecord.fromJson(JSON, "{\"url\":\"https://a.example\"}"))
                .hasMessage("text is missing");
        assertThatThrownBy(
                        () ->
                                ReplayRecord.fromJson(
                                        JSON, "{\"text\":\"x\",\"brandId\":\"Bad Id\"}"))
                .hasMessage("brandId must be a lower-case slug");
        assertThatThrownBy(
                        () -> ReplayRecord.fromJson(JSON, "{\"text\":\"x\",\"facilityId\":\"f\"}"))
                .hasMessage("facilityId given without brandId");
        assertThatThrownBy(
                        () ->
                                ReplayRecord.fromJson(
                                        JSON, "{\"text\":\"x\",\"publishedAt\":\"yesterday\"}"))
                .hasMessage("publishedAt is not an ISO-8601 instant");
        assertThatThrownBy(
                        () ->
                                ReplayRecord.fromJson(
                                        JSON, "{\"text\":\"x\",\"url\":\"javascript:1\"}"))
                .hasMessage("url must be http(s)");
        assertThatThrownBy(
                        () ->
                                ReplayRecord.fromJson(
                                        JSON, "{\"text\":\"x\",\"offsetSeconds\":\"9\"}"))
                .hasMessage("offsetSeconds is not a number");
        assertThatThrownBy(() -> ReplayRecord.fromJson(JSON, "{\"text\":7}"))
                .hasMessage("text is not a string");
    }

    @Test
    void csvRecordsFollowRfc4180() {
        assertThat(ReplayRecord.splitCsv("a,b,c")).containsExactly("a", "b", "c");
        assertThat(ReplayRecord.splitCsv("\"a, b\",\"say \"\"hi\"\"\","))
                .containsExactly("a, b", "say \"hi\"", "");
        assertThat(ReplayRecord.splitCsv("x,\"two\nlines\"")).containsExactly("x", "two\nlines");
        assertThat(ReplayRecord.splitCsv("x,\"open")).isNull();
        assertThat(ReplayRecord.splitCsv("a,b\r")).containsExactly("a", "b");

        var header =
                ReplayRecord.csvHeader(
                        List.of("\uFEFFbrandId", "externalId", "text", "offsetSeconds"));
        var r =
                ReplayRecord.fromCsv(
                        header, List.of("mercy-health", "p-1", "Mercy General ER", "12.5"));
        assertThat(r.brandId()).isEqualTo("mercy-health");
        assertThat(r.externalId()).isEqualTo("p-1");
        assertThat(r.offsetSeconds()).isEqualTo(12.5);
        assertThat(ReplayRecord.fromCsv(header, List.of("", "", "only text", "")).brandId())
                .isNull();
        assertThatThrownBy(() -> ReplayRecord.fromCsv(header, List.of("a", "b")))
                .hasMessage("expected 4 columns, found 2");
        assertThatThrownBy(() -> ReplayRecord.csvHeader(List.of("text", "body")))
                .hasMessageContaining("unknown column 'body'");
        assertThatThrownBy(() -> ReplayRecord.csvHeader(List.of("url")))
                .hasMessage("no text column");
    }
}
