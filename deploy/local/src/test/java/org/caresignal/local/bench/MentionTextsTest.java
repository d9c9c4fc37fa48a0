package org.caresignal.local.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import org.junit.jupiter.api.Test;

class MentionTextsTest {

    @Test
    void textsAreDistinctAcrossCalls() {
        var texts = new MentionTexts(7);
        var seen = new HashSet<String>();

        texts.next(3000).forEach(p -> assertThat(seen.add(p.text())).isTrue());
        texts.next(3000).forEach(p -> assertThat(seen.add(p.text())).isTrue());

        assertThat(seen).hasSize(6000);
    }

    @Test
    void eachPostNamesTheHealthSystemOrTheHospitalItIsAbout() {
        for (var post : new MentionTexts(11).next(500)) {
            var named =
                    MentionTexts.PLACES.stream()
                            .filter(place -> post.text().contains(place.name()))
                            .toList();
            assertThat(named).as(post.text()).isNotEmpty();
            assertThat(named)
                    .anyMatch(
                            place ->
                                    java.util.Objects.equals(
                                            place.facilityId(), post.facilityId()));
            assertThat(post.text()).doesNotContain("{");
        }
    }

    @Test
    void theSameSeedGivesTheSamePosts() {
        assertThat(new MentionTexts(3).next(50)).isEqualTo(new MentionTexts(3).next(50));
    }
}
