package org.caresignal.sentiment.tools;

import edu.stanford.nlp.ie.crf.CRFClassifier;
import edu.stanford.nlp.ling.CoreLabel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The {@code sentiment-service/ner-names} command: runs CoreNLP's CRF named-entity recogniser over
 * ingest-service's labelled name tables ({@code category<TAB>post} with {@code [NAME:...]} and
 * {@code [STAFF:...]} marks) and prints token-level precision and recall in the same form as
 * ingest's NameTableTest, and posts per second, so the two methods can be compared on the same
 * posts. A PERSON right after a title or role word counts as STAFF, any other PERSON as NAME.
 */
public final class NerNameTool {

    private static final Pattern MARK = Pattern.compile("\\[(NAME|STAFF):([^\\]]+)\\]");
    private static final Pattern WORD = Pattern.compile("\\p{L}+(?:['\u2019-]\\p{L}+)*");
    private static final Pattern BEFORE =
            Pattern.compile(
                    "(?i)(?:\\b(?:dr|doctor|nurse|surgeon|midwife|rn|np|pa|tech|therapist"
                            + "|receptionist|pharmacist|phlebotomist|chaplain|emt)\\.?,?\\s*)$");

    private record Gold(int start, int end, String label) {}

    private record Post(String category, String text, List<Gold> names) {}

    private NerNameTool() {}

    public static void main(String[] args) throws Exception {
        var model = "edu/stanford/nlp/models/ner/english.all.3class.distsim.crf.ser.gz";
        var files = new ArrayList<String>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--model") && i + 1 < args.length) {
                model = args[++i];
            } else {
                files.add(args[i]);
            }
        }
        if (files.isEmpty()) {
            System.err.println("usage: ner-names [--model RESOURCE] TABLE.tsv...");
            System.exit(2);
        }
        CRFClassifier<CoreLabel> crf = CRFClassifier.getClassifier(model);
        var all = new ArrayList<Post>();
        for (var file : files) {
            var posts = read(Path.of(file));
            all.addAll(posts);
            report(file, posts, crf);
        }
        if (files.size() > 1) {
            report("both", all, crf);
        }
        // Throughput: the warm classifier over every post, best of 5 passes.
        double best = 0;
        for (int round = 0; round < 5; round++) {
            long start = System.nanoTime();
            for (var post : all) {
                crf.classifyToCharacterOffsets(post.text());
            }
            best = Math.max(best, all.size() / ((System.nanoTime() - start) / 1e9));
        }
        System.out.printf(Locale.ROOT, "CoreNLP CRF NER (%s): %,.0f posts/s%n", model, best);
    }

    private static void report(String title, List<Post> posts, CRFClassifier<CoreLabel> crf) {
        int[] tp = new int[2];
        int[] found = new int[2];
        int[] marked = new int[2];
        int hiddenTp = 0;
        int hiddenFound = 0;
        int hiddenMarked = 0;
        var errors = new ArrayList<String>();
        for (var post : posts) {
            var spans = new ArrayList<Gold>();
            for (var t : crf.classifyToCharacterOffsets(post.text())) {
                if (t.first().equals("PERSON")) {
                    var before = post.text().substring(Math.max(0, t.second() - 20), t.second());
                    spans.add(
                            new Gold(
                                    t.second(),
                                    t.third(),
                                    BEFORE.matcher(before).find() ? "STAFF" : "NAME"));
                }
            }
            var m = WORD.matcher(post.text());
            while (m.find()) {
                String gold = label(post.names(), m.start(), m.end());
                String got = label(spans, m.start(), m.end());
                if (gold != null) {
                    marked[index(gold)]++;
                    hiddenMarked++;
                }
                if (got != null) {
                    found[index(got)]++;
                    hiddenFound++;
                }
                if (gold != null && gold.equals(got)) {
                    tp[index(gold)]++;
                }
                if (gold != null && got != null) {
                    hiddenTp++;
                }
                if (gold == null ? got != null : !gold.equals(got)) {
                    errors.add(
                            String.format(
                                    "    [%s] '%s': marked %s, found %s  | %s",
                                    post.category(),
                                    m.group(),
                                    gold == null ? "-" : gold,
                                    got == null ? "-" : got,
                                    post.text()));
                }
            }
        }
        System.out.printf("%s: %d posts%n", title, posts.size());
        System.out.println("  NAME   " + figure(tp[0], found[0], marked[0]));
        System.out.println("  STAFF  " + figure(tp[1], found[1], marked[1]));
        System.out.println(
                "  hidden "
                        + figure(hiddenTp, hiddenFound, hiddenMarked)
                        + "  (a NAME or STAFF word found as either)");
        if (!title.equals("both") && "1".equals(System.getenv("NER_ERRORS"))) {
            errors.forEach(System.out::println);
        }
    }

    private static String figure(int tp, int found, int marked) {
        return String.format(
                Locale.ROOT,
                "precision %.3f (%d/%d)  recall %.3f (%d/%d)",
                found == 0 ? 1.0 : (double) tp / found,
                tp,
                found,
                marked == 0 ? 1.0 : (double) tp / marked,
                tp,
                marked);
    }

    private static int index(String label) {
        return label.equals("NAME") ? 0 : 1;
    }

    private static String label(List<Gold> spans, int start, int end) {
        String label = null;
        for (var s : spans) {
            if (s.start() < end && start < s.end()) {
                label = s.label();
            }
        }
        return label;
    }

    private static List<Post> read(Path file) throws Exception {
        var posts = new ArrayList<Post>();
        for (var line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int tab = line.indexOf('\t');
            var marked = line.substring(tab + 1);
            var text = new StringBuilder();
            var names = new ArrayList<Gold>();
            var m = MARK.matcher(marked);
            int last = 0;
            while (m.find()) {
                text.append(marked, last, m.start());
                names.add(new Gold(text.length(), text.length() + m.group(2).length(), m.group(1)));
                text.append(m.group(2));
                last = m.end();
            }
            text.append(marked.substring(last));
            posts.add(new Post(line.substring(0, tab), text.toString(), names));
        }
        return posts;
    }
}
