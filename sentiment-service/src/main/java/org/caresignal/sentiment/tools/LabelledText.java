package org.caresignal.sentiment.tools;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.caresignal.sentiment.domain.SentimentLabel;

/** One line of a {@code label<TAB>text} file: the gold label and the post. */
public record LabelledText(SentimentLabel label, String text) {

    /** Reads a whole file, failing with the line number on a line that is not label, tab, text. */
    public static List<LabelledText> read(Path file) throws IOException {
        var lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        var result = new ArrayList<LabelledText>(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            var line = lines.get(i);
            int tab = line.indexOf('\t');
            if (tab < 0) {
                throw new IllegalArgumentException(
                        file + " line " + (i + 1) + ": expected label<TAB>text");
            }
            result.add(
                    new LabelledText(
                            parseLabel(line.substring(0, tab), file, i + 1),
                            line.substring(tab + 1)));
        }
        return result;
    }

    static SentimentLabel parseLabel(String label, Path file, int line) {
        return switch (label.trim().toLowerCase(Locale.ROOT)) {
            case "negative" -> SentimentLabel.NEGATIVE;
            case "neutral" -> SentimentLabel.NEUTRAL;
            case "positive" -> SentimentLabel.POSITIVE;
            default ->
                    throw new IllegalArgumentException(
                            file
                                    + " line "
                                    + line
                                    + ": label must be negative, neutral or positive, not '"
                                    + label
                                    + "'");
        };
    }

    /** The label as the files write it. */
    public static String name(SentimentLabel label) {
        return label.name().toLowerCase(Locale.ROOT);
    }
}
