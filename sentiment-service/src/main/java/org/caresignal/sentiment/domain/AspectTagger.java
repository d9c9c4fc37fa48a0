package org.caresignal.sentiment.domain;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Finds the aspects of the healthcare taxonomy (emergency and waits, billing, nursing care...) in
 * tokenized sentences with a phrase lexicon per aspect: sentence tokens in, the aspects each
 * sentence mentions out; immutable and thread-safe.
 */
public final class AspectTagger {

    /** A phrase is a token sequence; a token ending in {@code *} matches any token it starts. */
    private final Map<String, List<String[]>> phrases;

    public AspectTagger(Map<String, List<String>> lexicon) {
        var compiled = new LinkedHashMap<String, List<String[]>>();
        lexicon.forEach(
                (aspect, list) ->
                        compiled.put(
                                aspect,
                                list.stream()
                                        .map(p -> p.trim().toLowerCase(Locale.ROOT).split("\\s+"))
                                        .toList()));
        this.phrases = compiled;
    }

    /**
     * Reads {@code aspect<TAB>phrase|phrase|...} lines; blank lines and {@code #} comments are
     * skipped. The aspects keep the file's order.
     */
    public static AspectTagger read(InputStream in) {
        var lexicon = new LinkedHashMap<String, List<String>>();
        try (var reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                int tab = line.indexOf('\t');
                if (tab < 0) {
                    throw new IllegalArgumentException("bad aspect line: " + line);
                }
                lexicon.computeIfAbsent(line.substring(0, tab).trim(), a -> new ArrayList<>())
                        .addAll(Arrays.asList(line.substring(tab + 1).split("\\|")));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new AspectTagger(lexicon);
    }

    public List<String> aspects() {
        return List.copyOf(phrases.keySet());
    }

    /** The aspects the lower-case tokens of one sentence mention, in lexicon order. */
    public List<String> tag(List<String> tokens) {
        var found = new ArrayList<String>();
        for (var entry : phrases.entrySet()) {
            for (var phrase : entry.getValue()) {
                if (occurs(phrase, tokens)) {
                    found.add(entry.getKey());
                    break;
                }
            }
        }
        return found;
    }

    private static boolean occurs(String[] phrase, List<String> tokens) {
        outer:
        for (int start = 0; start + phrase.length <= tokens.size(); start++) {
            for (int i = 0; i < phrase.length; i++) {
                if (!matches(phrase[i], tokens.get(start + i))) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private static boolean matches(String pattern, String token) {
        return pattern.endsWith("*")
                ? token.startsWith(pattern.substring(0, pattern.length() - 1))
                : pattern.equals(token);
    }
}
