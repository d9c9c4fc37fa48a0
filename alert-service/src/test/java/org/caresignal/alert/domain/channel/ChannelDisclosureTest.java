package org.caresignal.alert.domain.channel;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.UUID;
import org.caresignal.alert.domain.incident.Explanation;
import org.caresignal.alert.domain.privacy.SampleDisclosure;
import org.caresignal.alert.event.AlertEvent;
import org.junit.jupiter.api.Test;

/**
 * Every payload builder, fed an event cut by a channel's {@link SampleDisclosure}: no post URL (and
 * so no handle) without {@code allowPostLinks}, no excerpt without {@code includeExcerpt}, the
 * dashboard link always; excerpts escaped for each format.
 */
class ChannelDisclosureTest {

    private static final ObjectMapper MAPPER = new ObjectMapper().findAndRegisterModules();
    private static final ChannelPayloads PAYLOADS = new ChannelPayloads(MAPPER);
    private static final String URL = "https://social.example/@jane.doe/48213";
    private static final String EXCERPT = "My <b>mother</b> waited 9 hours <!channel> *ward 4*";

    private static AlertEvent event() {
        var base = ChannelPayloadsTest.hostile();
        return base.withSamples(
                List.of(
                        new Explanation.Sample(
                                "5d0c1c8e-8f4b-3a52-9c11-0a7b6e2f4d93", URL, EXCERPT)));
    }

    private static List<String> everyPayload(AlertEvent event) throws Exception {
        var email =
                EmailMessage.of(
                        event,
                        UUID.randomUUID(),
                        EmailSettings.of(
                                List.of("a@riverside.example"), "", List.of("riverside.example")),
                        "riverside.example");
        return List.of(
                PAYLOADS.slack(event),
                PAYLOADS.teams(event),
                PAYLOADS.pagerDuty(event, "key"),
                email.text(),
                email.html(),
                MAPPER.writeValueAsString(event));
    }

    @Test
    void idsOnlyLeavesNoUrlNoHandleNoExcerptButTheDashboardLink() throws Exception {
        var payloads = everyPayload(SampleDisclosure.IDS_ONLY.apply(event()));
        for (var payload : payloads) {
            assertThat(payload)
                    .doesNotContain("social.example")
                    .doesNotContain("jane.doe")
                    .doesNotContain("mother")
                    .contains("/dashboard/incidents/");
        }
        // PagerDuty, e-mail and the webhook still name the sample by id (Slack and Teams do not).
        for (var payload : payloads.subList(2, payloads.size())) {
            assertThat(payload).contains("5d0c1c8e-8f4b-3a52-9c11-0a7b6e2f4d93");
        }
    }

    @Test
    void linksOnlyCarryTheUrlButNoExcerpt() throws Exception {
        var payloads = everyPayload(new SampleDisclosure(true, false).apply(event()));
        for (var payload : payloads) {
            assertThat(payload).doesNotContain("mother");
        }
        // Teams shows no sample links at all; every other format does.
        assertThat(payloads.get(0)).contains(URL);
        assertThat(payloads.get(2)).contains(URL);
        assertThat(payloads.get(3)).contains(URL);
        assertThat(payloads.get(4)).contains(URL);
        assertThat(payloads.get(5)).contains(URL);
    }

    @Test
    void excerptsAreEscapedForEachFormatAndCarryNoUrlUnlessAllowed() throws Exception {
        var payloads = everyPayload(new SampleDisclosure(false, true).apply(event()));
        for (var payload : payloads) {
            assertThat(payload).doesNotContain(URL).contains("mother");
        }
        assertThat(payloads.get(0))
                .contains("&lt;b&gt;mother&lt;/b&gt;")
                .contains("&lt;!channel&gt;")
                .doesNotContain("<!channel>");
        assertThat(payloads.get(1)).contains("\\\\<b\\\\>mother").contains("\\\\*ward 4\\\\*");
        assertThat(payloads.get(4)).contains("&lt;b&gt;mother&lt;/b&gt;").doesNotContain("<b>");
        assertThat(
                        MAPPER.readTree(payloads.get(2))
                                .at("/payload/custom_details/sample_excerpts/0")
                                .asText())
                .isEqualTo(EXCERPT);
    }

    @Test
    void fullDisclosureKeepsTheSampleAsItIs() {
        var sample = new Explanation.Sample("m", URL, EXCERPT);
        assertThat(SampleDisclosure.FULL.apply(sample)).isEqualTo(sample);
        assertThat(SampleDisclosure.IDS_ONLY.apply(sample))
                .isEqualTo(new Explanation.Sample("m", null, null));
    }
}
