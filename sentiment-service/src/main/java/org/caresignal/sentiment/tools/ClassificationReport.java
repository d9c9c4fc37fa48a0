package org.caresignal.sentiment.tools;

import java.util.List;
import java.util.Locale;
import org.caresignal.sentiment.domain.SentimentLabel;

/**
 * Accuracy, macro-averaged recall and F1 and the confusion matrix of three-class predictions
 * against gold labels.
 */
public final class ClassificationReport {

    private static final SentimentLabel[] LABELS = SentimentLabel.values();

    /** counts[gold][predicted]. */
    private final long[][] counts = new long[LABELS.length][LABELS.length];

    private long total;

    public static ClassificationReport of(
            List<SentimentLabel> gold, List<SentimentLabel> predicted) {
        if (gold.size() != predicted.size()) {
            throw new IllegalArgumentException("gold and predicted differ in length");
        }
        var report = new ClassificationReport();
        for (int i = 0; i < gold.size(); i++) {
            report.add(gold.get(i), predicted.get(i));
        }
        return report;
    }

    public void add(SentimentLabel gold, SentimentLabel predicted) {
        counts[gold.ordinal()][predicted.ordinal()]++;
        total++;
    }

    public double accuracy() {
        long right = 0;
        for (int c = 0; c < LABELS.length; c++) {
            right += counts[c][c];
        }
        return total == 0 ? 0 : (double) right / total;
    }

    public double recall(SentimentLabel label) {
        long gold = 0;
        for (int p = 0; p < LABELS.length; p++) {
            gold += counts[label.ordinal()][p];
        }
        return gold == 0 ? 0 : (double) counts[label.ordinal()][label.ordinal()] / gold;
    }

    public double precision(SentimentLabel label) {
        long predicted = 0;
        for (int g = 0; g < LABELS.length; g++) {
            predicted += counts[g][label.ordinal()];
        }
        return predicted == 0 ? 0 : (double) counts[label.ordinal()][label.ordinal()] / predicted;
    }

    public double f1(SentimentLabel label) {
        double p = precision(label);
        double r = recall(label);
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    /** The mean of the three recalls: TweetEval's metric; always answering one class gives 1/3. */
    public double macroRecall() {
        double sum = 0;
        for (var label : LABELS) {
            sum += recall(label);
        }
        return sum / LABELS.length;
    }

    public double macroF1() {
        double sum = 0;
        for (var label : LABELS) {
            sum += f1(label);
        }
        return sum / LABELS.length;
    }

    public long count(SentimentLabel gold, SentimentLabel predicted) {
        return counts[gold.ordinal()][predicted.ordinal()];
    }

    /** The printed report; its last line is {@code macro_recall=<percent>}. */
    public String render() {
        var out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "posts=%d%n", total));
        out.append(String.format(Locale.ROOT, "accuracy=%.2f%n", 100 * accuracy()));
        out.append(String.format(Locale.ROOT, "macro_f1=%.2f%n", 100 * macroF1()));
        for (var label : LABELS) {
            out.append(
                    String.format(
                            Locale.ROOT,
                            "%-8s recall=%.2f precision=%.2f f1=%.2f%n",
                            LabelledText.name(label),
                            100 * recall(label),
                            100 * precision(label),
                            100 * f1(label)));
        }
        out.append("confusion (rows gold, columns predicted):\n");
        out.append(
                String.format(
                        Locale.ROOT, "%-10s%10s%10s%10s%n", "", "negative", "neutral", "positive"));
        for (var gold : LABELS) {
            out.append(String.format(Locale.ROOT, "%-10s", LabelledText.name(gold)));
            for (var predicted : LABELS) {
                out.append(String.format(Locale.ROOT, "%10d", count(gold, predicted)));
            }
            out.append('\n');
        }
        out.append(String.format(Locale.ROOT, "macro_recall=%.2f", 100 * macroRecall()));
        return out.toString();
    }
}
