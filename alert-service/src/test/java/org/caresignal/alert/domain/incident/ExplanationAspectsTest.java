package org.caresignal.alert.domain.incident;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.junit.jupiter.api.Test;

class ExplanationAspectsTest {

    @Test
    void sharesAreOfTheNegativeMentionsRoundedToTwoDecimals() {
        assertThat(Explanation.Aspect.of("wait-times", 14, 23))
                .isEqualTo(new Explanation.Aspect("wait-times", 14, 0.61));
        assertThat(Explanation.Aspect.of("billing", 1, 1).share()).isEqualTo(1.0);
        assertThat(Explanation.Aspect.of("billing", 3, 0).share()).isZero();
    }

    @Test
    void anExplanationStoredBeforeAspectsReadsWithNone() throws Exception {
        var mapper = new ObjectMapper().registerModule(new JavaTimeModule());
        var stored =
                "{\"triggers\":[\"NEGATIVE_VOLUME\"],\"window\":{\"start\":\"2026-11-24T14:00:00Z\","
                        + "\"end\":\"2026-11-24T14:10:00Z\"},\"counts\":{\"total\":14,\"negative\":12},"
                        + "\"baseline\":{\"measure\":\"negative-count\",\"observed\":12.0,\"expected\":0.42},"
                        + "\"threshold\":{\"pValue\":1.0E-6,\"minNegative\":5,\"minTotal\":15,\"minEffect\":2.0},"
                        + "\"pValue\":3.1E-12,\"effectSize\":28.6,\"samples\":[],\"summary\":\"s\"}";
        var explanation = mapper.readValue(stored, Explanation.class);
        assertThat(explanation.aspects()).isEmpty();
        assertThat(explanation.counts().negative()).isEqualTo(12);
    }
}
