package org.caresignal.ingest.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The labelled name table ({@code src/test/resources/names/name-table*.tsv}): hospital posts with
 * the names of private individuals and of staff marked, read into posts, gold spans and the
 * expected redacted text.
 */
public final class NameTable {

    /** What a marked name is. */
    public enum Label {
        NAME,
        STAFF
    }

    /** A marked name: characters [start, end) of the post's text. */
    public record Gold(int start, int end, Label label) {}

    /**
     * One post: its category, the text as posted, the names marked in it and the text expected
     * after redaction (staff replaced, or kept for a brand that keeps staff names).
     */
    public record Post(
            int line,
            String category,
            String text,
            List<Gold> names,
            String expected,
            String expectedKeepingStaff) {}

    private static final Pattern MARK = Pattern.compile("\\[(NAME|STAFF):([^\\]]+)\\]");

    private NameTable() {}

    /** The posts the rules were written against ({@code names/name-table.tsv}). */
    public static List<Post> posts() {
        return posts("name-table.tsv");
    }

    /**
     * The held-out posts ({@code names/name-table-holdout.tsv}), written after the rules were
     * frozen and never used to change them.
     */
    public static List<Post> holdout() {
        return posts("name-table-holdout.tsv");
    }

    private static List<Post> posts(String file) {
        var in = NameTable.class.getResourceAsStream("/names/" + file);
        if (in == null) {
            throw new IllegalStateException("names/" + file + " is not on the test classpath");
        }
        var posts = new ArrayList<Post>();
        try (var reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                int tab = line.indexOf('\t');
                if (tab < 0) {
                    throw new IllegalStateException("line " + number + " has no category");
                }
                posts.add(parse(number, line.substring(0, tab), line.substring(tab + 1)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return List.copyOf(posts);
    }

    private static Post parse(int line, String category, String marked) {
        var text = new StringBuilder();
        var expected = new StringBuilder();
        var keeping = new StringBuilder();
        var names = new ArrayList<Gold>();
        var m = MARK.matcher(marked);
        int last = 0;
        while (m.find()) {
            var between = marked.substring(last, m.start());
            text.append(between);
            expected.append(between);
            keeping.append(between);
            var label = Label.valueOf(m.group(1));
            var name = m.group(2);
            names.add(new Gold(text.length(), text.length() + name.length(), label));
            text.append(name);
            expected.append('[').append(label).append(']');
            keeping.append(label == Label.STAFF ? name : "[NAME]");
            last = m.end();
        }
        var rest = marked.substring(last);
        text.append(rest);
        expected.append(rest);
        keeping.append(rest);
        return new Post(
                line,
                category,
                text.toString(),
                List.copyOf(names),
                expected.toString(),
                keeping.toString());
    }
}
