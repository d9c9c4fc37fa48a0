package org.caresignal.local.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import javax.imageio.ImageIO;

/**
 * The rate sweep's chart: latency from acceptance to counted (p50, p95, p99) against the offered
 * rate, one line per percentile on a logarithmic millisecond axis (a sweep spans a few hundred
 * milliseconds at a quarter of capacity and tens of seconds at capacity), drawn with Java2D.
 */
public final class LatencyChart {

    /** One run of the sweep: the rate it reached (counted/s) and its latencies in ms. */
    public record Point(double rate, double p50, double p95, double p99) {}

    static final Color BACKGROUND = Color.WHITE;
    static final Color P50 = new Color(0x1f77b4);
    static final Color P95 = new Color(0xff7f0e);
    static final Color P99 = new Color(0xd62728);

    private static final int LEFT = 90;
    private static final int RIGHT = 30;
    private static final int TOP = 50;
    private static final int BOTTOM = 70;

    private LatencyChart() {}

    /** Where values land on the picture: the plot area and both axes' ranges. */
    record Frame(int width, int height, double maxRate, double minMs, double maxMs) {

        static Frame of(List<Point> points, int width, int height) {
            double maxRate = points.stream().mapToDouble(Point::rate).max().orElse(1);
            double low = points.stream().mapToDouble(Point::p50).min().orElse(1);
            double high = points.stream().mapToDouble(Point::p99).max().orElse(1000);
            // Whole decades, so that the ticks are 1, 10, 100 ... and the lines never touch the
            // edges.
            double minMs = Math.pow(10, Math.floor(Math.log10(Math.max(1, low))));
            double maxMs = Math.pow(10, Math.ceil(Math.log10(Math.max(minMs * 10, high * 1.05))));
            return new Frame(width, height, niceCeiling(maxRate * 1.1), minMs, maxMs);
        }

        int x(double rate) {
            return LEFT + (int) Math.round(rate / maxRate * (width - LEFT - RIGHT));
        }

        int y(double ms) {
            double clamped = Math.max(minMs, Math.min(maxMs, ms));
            double share = Math.log10(clamped / minMs) / Math.log10(maxMs / minMs);
            return height - BOTTOM - (int) Math.round(share * (height - TOP - BOTTOM));
        }
    }

    /** Draws the chart; the points in any order (drawn by rate). */
    public static BufferedImage render(List<Point> points, String title, int width, int height) {
        if (points.isEmpty()) {
            throw new IllegalArgumentException("no points to draw");
        }
        var sorted =
                points.stream().sorted(java.util.Comparator.comparingDouble(Point::rate)).toList();
        var frame = Frame.of(sorted, width, height);
        var image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(
                    RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(BACKGROUND);
            g.fillRect(0, 0, width, height);
            drawAxes(g, frame);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
            g.setColor(Color.BLACK);
            g.drawString(title, LEFT, TOP - 20);
            series(g, frame, sorted, Point::p50, P50);
            series(g, frame, sorted, Point::p95, P95);
            series(g, frame, sorted, Point::p99, P99);
            legend(g, frame);
        } finally {
            g.dispose();
        }
        return image;
    }

    /** Renders and writes a PNG, creating the directory. */
    public static void write(List<Point> points, String title, Path png, int width, int height) {
        try {
            var parent = png.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            ImageIO.write(render(points, title, width, height), "png", png.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + png, e);
        }
    }

    private static void drawAxes(Graphics2D g, Frame f) {
        int x0 = f.x(0);
        int y0 = f.y(f.minMs());
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        var metrics = g.getFontMetrics();
        for (double ms = f.minMs(); ms <= f.maxMs() * 1.0001; ms *= 10) {
            for (int step : new int[] {1, 2, 5}) {
                double tick = ms * step;
                if (tick > f.maxMs() * 1.0001) {
                    break;
                }
                int y = f.y(tick);
                g.setColor(new Color(0xe6e6e6));
                g.drawLine(x0, y, f.x(f.maxRate()), y);
                g.setColor(Color.DARK_GRAY);
                var label = msLabel(tick);
                g.drawString(label, x0 - 8 - metrics.stringWidth(label), y + 4);
            }
        }
        double step = niceStep(f.maxRate() / 5);
        for (double rate = 0; rate <= f.maxRate() + 1e-9; rate += step) {
            int x = f.x(rate);
            g.setColor(new Color(0xe6e6e6));
            g.drawLine(x, y0, x, f.y(f.maxMs()));
            g.setColor(Color.DARK_GRAY);
            var label = number(rate);
            g.drawString(label, x - metrics.stringWidth(label) / 2, y0 + 18);
        }
        g.setColor(Color.BLACK);
        g.setStroke(new BasicStroke(1.5f));
        g.drawLine(x0, y0, f.x(f.maxRate()), y0);
        g.drawLine(x0, y0, x0, f.y(f.maxMs()));
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        var xLabel = "offered rate (mentions per second)";
        g.drawString(
                xLabel,
                (x0 + f.x(f.maxRate())) / 2 - g.getFontMetrics().stringWidth(xLabel) / 2,
                y0 + 45);
        var yLabel = "latency acceptance \u2192 counted (log scale)";
        var rotated = g.getTransform();
        g.rotate(-Math.PI / 2);
        g.drawString(
                yLabel,
                -((y0 + f.y(f.maxMs())) / 2 + g.getFontMetrics().stringWidth(yLabel) / 2),
                22);
        g.setTransform(rotated);
    }

    private static void series(
            Graphics2D g, Frame f, List<Point> points, ToDoubleFunction<Point> value, Color color) {
        g.setColor(color);
        g.setStroke(new BasicStroke(2.5f));
        for (int i = 1; i < points.size(); i++) {
            var a = points.get(i - 1);
            var b = points.get(i);
            g.drawLine(
                    f.x(a.rate()),
                    f.y(value.applyAsDouble(a)),
                    f.x(b.rate()),
                    f.y(value.applyAsDouble(b)));
        }
        for (var p : points) {
            int x = f.x(p.rate());
            int y = f.y(value.applyAsDouble(p));
            g.fillOval(x - 5, y - 5, 11, 11);
        }
    }

    private static void legend(Graphics2D g, Frame f) {
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        int x = f.x(0) + 15;
        int y = f.y(f.maxMs()) + 20;
        String[] names = {"p50", "p95", "p99"};
        Color[] colors = {P50, P95, P99};
        g.setColor(new Color(255, 255, 255, 230));
        g.fillRect(x - 8, y - 16, 80, 3 * 20 + 8);
        g.setColor(Color.GRAY);
        g.drawRect(x - 8, y - 16, 80, 3 * 20 + 8);
        for (int i = 0; i < names.length; i++) {
            g.setColor(colors[i]);
            g.setStroke(new BasicStroke(2.5f));
            g.drawLine(x, y + i * 20 - 4, x + 28, y + i * 20 - 4);
            g.setColor(Color.BLACK);
            g.drawString(names[i], x + 36, y + i * 20);
        }
    }

    static String msLabel(double ms) {
        return ms >= 1000 ? number(ms / 1000) + " s" : number(ms) + " ms";
    }

    private static String number(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.1f", v);
    }

    /** 1, 2 or 5 times a power of ten, at least {@code raw}. */
    static double niceStep(double raw) {
        if (raw <= 0) {
            return 1;
        }
        double power = Math.pow(10, Math.floor(Math.log10(raw)));
        for (int m : new int[] {1, 2, 5, 10}) {
            if (m * power >= raw) {
                return m * power;
            }
        }
        return 10 * power;
    }

    private static double niceCeiling(double v) {
        double step = niceStep(v / 5);
        return Math.max(step, Math.ceil(v / step) * step);
    }
}
