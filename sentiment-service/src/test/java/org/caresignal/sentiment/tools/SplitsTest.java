package org.caresignal.sentiment.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumMap;
import org.junit.jupiter.api.Test;

class SplitsTest {

    @Test
    void theBucketIsTheTextsHashCodeModuloTen() {
        // "a".hashCode() is 97, "b" 98; the split is defined by String.hashCode, which the Java
        // language specifies, so these hold on every JVM.
        assertThat(Splits.bucket("a")).isEqualTo(7);
        assertThat(Splits.bucket("b")).isEqualTo(8);
        assertThat(Splits.bucket("")).isZero();
        assertThat(Splits.of("")).isEqualTo(Splits.Part.HELD_BACK);
        // A negative hash code still lands in 0..9.
        String negative = "polygenelubricants";
        assertThat(negative.hashCode()).isNegative();
        assertThat(Splits.bucket(negative)).isEqualTo(Math.floorMod(negative.hashCode(), 10));
    }

    @Test
    void aboutATenthIsHeldBackATenthIsDevAndTheRestTrained() {
        var counts = new EnumMap<Splits.Part, Integer>(Splits.Part.class);
        int halves = 0;
        for (int i = 0; i < 10_000; i++) {
            var text = "post number " + i + " about the clinic";
            counts.merge(Splits.of(text), 1, Integer::sum);
            halves += Splits.inTrainedHalf(text) ? 1 : 0;
        }

        assertThat(counts.get(Splits.Part.HELD_BACK)).isBetween(900, 1100);
        assertThat(counts.get(Splits.Part.DEV)).isBetween(900, 1100);
        assertThat(counts.get(Splits.Part.TRAIN)).isBetween(7800, 8200);
        assertThat(halves).isBetween(4800, 5200);
    }

    @Test
    void theRolesFollowTheFileKind() {
        String heldBack = "";
        assertThat(TrainingData.role(TrainingData.FileKind.SPLIT, heldBack))
                .isEqualTo(TrainingData.Role.HELD_BACK);
        assertThat(TrainingData.role(TrainingData.FileKind.HALVES, heldBack))
                .isEqualTo(TrainingData.Role.REPORT);
        assertThat(TrainingData.role(TrainingData.FileKind.ALL_TRAIN, heldBack))
                .isEqualTo(TrainingData.Role.TRAIN);
        assertThat(TrainingData.role(TrainingData.FileKind.REPORT_ONLY, "b"))
                .isEqualTo(TrainingData.Role.REPORT);
        assertThat(TrainingData.role(TrainingData.FileKind.SPLIT, "b"))
                .isEqualTo(TrainingData.Role.TRAIN);
        assertThat(TrainingData.role(TrainingData.FileKind.HALVES, "b"))
                .isEqualTo(TrainingData.Role.TRAIN);
    }
}
