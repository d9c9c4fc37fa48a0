package org.caresignal.alert.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.caresignal.alert.domain.CriticalPostReplay;
import org.caresignal.alert.domain.detection.CriticalPostRules;

/**
 * The backtest command's critical-post part: reads a rules file (the JSON array that {@code GET
 * /api/rules/critical-posts} answers) and a mentions file (JSON Lines of {@code {time, brandId,
 * text}}), replays the rules over the mentions and writes the matches as CSV {@code
 * published_at,brand_id,facility_id,mention,rule_id,category}, never the text.
 */
final class CriticalPostReplayFile {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

    private CriticalPostReplayFile() {}

    /**
     * The enabled rules of the file, global and per brand, in the file's order.
     *
     * @throws IllegalArgumentException naming the rule and field that is wrong
     */
    static CriticalPostRules rules(Path file) throws IOException {
        JsonNode root;
        try {
            root = JSON.readTree(Files.readString(file, StandardCharsets.UTF_8));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(
                    file + ": not JSON (" + e.getOriginalMessage() + ")");
        }
        if (root == null || !root.isArray()) {
            throw new IllegalArgumentException(
                    file + ": expected a JSON array of rules, as GET /api/rules/critical-posts");
        }
        var rules = new ArrayList<CriticalPostRules.Rule>();
        var switchedOff = new ArrayList<CriticalPostRules.Override>();
        int index = 0;
        for (var node : root) {
            var where = file + ": rule " + index++;
            var id = text(node, "id");
            if (id == null || !SLUG.matcher(id).matches()) {
                throw new IllegalArgumentException(where + ": id must be a slug like data-breach");
            }
            where = file + ": rule " + id;
            var category = text(node, "category");
            var match = text(node, "match");
            if (category == null || category.isBlank()) {
                throw new IllegalArgumentException(where + ": category is required");
            }
            if (match == null || match.isBlank()) {
                throw new IllegalArgumentException(where + ": match is required");
            }
            var brand = text(node, "brandId");
            if (brand != null && !SLUG.matcher(brand).matches()) {
                throw new IllegalArgumentException(where + ": brandId must be a slug or null");
            }
            var overrides = text(node, "overrides");
            if (overrides != null && (brand == null || !SLUG.matcher(overrides).matches())) {
                throw new IllegalArgumentException(
                        where + ": overrides must name a global rule, and only a brand's rule can");
            }
            var enabled = node.get("enabled");
            if (enabled != null && !enabled.isNull() && !enabled.asBoolean(true)) {
                // A brand's disabled rule that overrides a global one switches it off for the
                // brand.
                if (overrides != null) {
                    switchedOff.add(new CriticalPostRules.Override(brand, overrides));
                }
                continue;
            }
            try {
                rules.add(
                        CriticalPostRules.Rule.of(
                                id, category, match, text(node, "unless"), brand, overrides));
            } catch (CriticalPostRules.InvalidPatternException e) {
                throw new IllegalArgumentException(where + ": " + e.getMessage());
            }
        }
        return new CriticalPostRules(rules, switchedOff);
    }

    /**
     * Replays {@code rules} over every line of {@code mentions} and writes each match to {@code
     * out}; what was found.
     *
     * @throws IllegalArgumentException naming the line that is not a mention
     */
    static CriticalPostReplay.Result replay(CriticalPostRules rules, Path mentions, Writer out)
            throws IOException {
        var replay = new CriticalPostReplay(rules, 0);
        out.write("published_at,brand_id,facility_id,mention,rule_id,category\n");
        try (BufferedReader in = Files.newBufferedReader(mentions, StandardCharsets.UTF_8)) {
            int lineNo = 0;
            String line;
            while ((line = in.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                var post = post(line, lineNo);
                var hit = replay.accept(post);
                if (hit.isPresent()) {
                    var h = hit.get();
                    out.write(
                            String.join(
                                    ",",
                                    h.publishedAt().toString(),
                                    h.brandId(),
                                    h.facilityId() == null ? "" : csv(h.facilityId()),
                                    csv(h.mentionId()),
                                    h.ruleId(),
                                    csv(h.category())));
                    out.write('\n');
                }
            }
        }
        return replay.result();
    }

    /** One line of the mentions file: {@code time} (or {@code publishedAt}), brandId, text. */
    static CriticalPostReplay.Post post(String line, int lineNo) {
        JsonNode node;
        try {
            node = JSON.readTree(line);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("line " + lineNo + ": not JSON");
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("line " + lineNo + ": expected a JSON object");
        }
        var time = text(node, "time") == null ? text(node, "publishedAt") : text(node, "time");
        if (time == null) {
            throw new IllegalArgumentException("line " + lineNo + ": time is required");
        }
        java.time.Instant at;
        try {
            at = BacktestCommand.parseTime(time);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(
                    "line " + lineNo + ": time is not ISO-8601 nor yyyy-MM-dd HH:mm:ss");
        }
        var brand = text(node, "brandId");
        if (brand == null || !SLUG.matcher(brand).matches()) {
            throw new IllegalArgumentException(
                    "line " + lineNo + ": brandId must be a slug like riverside-health");
        }
        var id = text(node, "id") == null ? text(node, "mentionId") : text(node, "id");
        var textNode = node.get("text");
        if (textNode != null && !textNode.isNull() && !textNode.isTextual()) {
            throw new IllegalArgumentException("line " + lineNo + ": text must be a string");
        }
        return new CriticalPostReplay.Post(
                id == null ? "line:" + lineNo : id,
                at,
                brand,
                text(node, "facilityId"),
                textNode == null || textNode.isNull() ? null : textNode.asText(),
                text(node, "textRemoved"));
    }

    /** One summary line: counts, reasons and matches per rule. */
    static String summary(CriticalPostReplay.Result r) {
        return "critical posts: "
                + r.posts()
                + " mentions, "
                + r.replayed()
                + " replayed, "
                + r.notReplayable()
                + " not replayable"
                + counts(r.notReplayableReasons())
                + ", "
                + r.matched()
                + " matched"
                + counts(r.matchesByRule());
    }

    private static String counts(Map<String, Long> counts) {
        if (counts.isEmpty()) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        counts.forEach((k, v) -> parts.add(k + " " + v));
        return " (" + String.join(", ", parts) + ")";
    }

    private static String text(JsonNode node, String field) {
        var value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    /** A cell: quoted when it holds a comma, a quote or a line break. */
    private static String csv(String value) {
        if (value.indexOf(',') < 0
                && value.indexOf('"') < 0
                && value.indexOf('\n') < 0
                && value.indexOf('\r') < 0) {
            return value;
        }
        return '"' + value.replace("\"", "\"\"") + '"';
    }
}
