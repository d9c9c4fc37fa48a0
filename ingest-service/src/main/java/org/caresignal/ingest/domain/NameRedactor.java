package org.caresignal.ingest.domain;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Finds person names in a post's text: private individuals ({@link Type#NAME}: patients, relatives,
 * friends) and staff named with a title or a role ({@link Type#STAFF}), by a gazetteer of given
 * names and surnames (resources {@code names/}) and the words around them.
 *
 * <p>A capitalised word is a name when a cue says so (a title such as "Dr." or "Nurse", a role such
 * as "our nurse", a relation such as "my mom", "named"), or, without a cue, when it is a given name
 * of the list that is not also an ordinary word ("Hope", "Will"), a hospital ("Mercy") or, after
 * "in"/"from", a place ("Austin"). Words followed by an institution word ("Mary Washington
 * Hospital") or after "St." are not names. Handles, hashtags, links and placeholders are never
 * touched: brands are matched by them. One pass over the text, a bounded look around each word, so
 * it is linear in the text.
 */
public final class NameRedactor {

    /** What a found name is: a private individual, or staff named with a title or role. */
    public enum Type {
        NAME,
        STAFF
    }

    /** A found name: characters [start, end) of the text. */
    public record Span(int start, int end, Type type) {}

    private static final Sections CUES = Sections.load("cues.txt");
    private static final Set<String> GIVEN = load("given-names.txt");
    private static final Set<String> SURNAMES = load("surnames.txt");
    private static final Set<String> COMMON = load("common-words.txt");
    private static final Set<String> PLACES = load("places.txt");
    private static final Set<String> BRANDS = load("brands.txt");

    /** Titles written right before a staff member's name ("Dr. Patel", "Nurse Kelly"). */
    private static final Set<String> TITLES = CUES.section("titles");

    private static final Set<String> HONORIFICS = CUES.section("honorifics");
    private static final Set<String> CLERGY = CUES.section("clergy");
    private static final Set<String> DETERMINERS = CUES.section("determiners");
    private static final Set<String> DEPARTMENTS = CUES.section("departments");
    private static final Set<String> COMPASS = CUES.section("compass");

    /** Abbreviations of a role, matched as written in capitals ("Kelly, RN", "RN Kelly"). */
    private static final Set<String> ROLE_ABBREVIATIONS = CUES.section("role-abbreviations");

    /** Roles of people who work at a hospital; "nurse Maria", "Maria, our receptionist". */
    private static final Set<String> ROLES = CUES.section("roles");

    /** Relations that introduce a private individual ("my mom Linda", "patient Jones"). */
    private static final Set<String> RELATIONS = CUES.section("relations");

    /** Words that may stand between a cue and the name ("our night nurse Kelly"). */
    private static final Set<String> FILLERS = CUES.section("fillers");

    /** Words that make a capitalised run an institution or a place, not a person. */
    private static final Set<String> INSTITUTION = CUES.section("institution");

    /** Words right before a capitalised run that make it a place or an institution. */
    private static final Set<String> ORG_BEFORE = CUES.section("org-before");

    /** Prepositions after which a given name that is also a place is the place. */
    private static final Set<String> PLACE_BEFORE = CUES.section("place-before");

    /** Capitalised words that are never the start of a name, whatever the lists say. */
    private static final Set<String> STOP = CUES.section("stop");

    /** Words written with a period after them: titles, honorifics, suffixes, "St.". */
    private static final Set<String> ABBREVIATIONS =
            Set.of(
                    "dr", "drs", "prof", "rev", "mr", "mrs", "ms", "mx", "jr", "sr", "st", "mt",
                    "ft");

    /** The most words a name run takes, initials included ("Mary J. R. Smith"). */
    private static final int MAX_RUN = 5;

    private NameRedactor() {}

    /** The names in the text, left to right, not overlapping. */
    public static List<Span> find(String text) {
        var tokens = tokenize(text);
        int n = tokens.size();
        var types = new Type[n];
        var groupEnd = new int[n];
        var known = new HashMap<String, Type>();
        // What a word was found as next to a cue: decides the same word found bare elsewhere.
        var cued = new HashMap<String, Type>();
        var bare = new boolean[n];
        var blocked = new boolean[n];
        int i = 0;
        while (i < n) {
            var t = tokens.get(i);
            if (!t.guarded && !t.capital && lowerCaseName(t)) {
                // "my mom linda": a listed given name in lower case, only right after its cue.
                var cue = cueBefore(tokens, i);
                if (cue != null) {
                    types[i] = cue;
                    groupEnd[i] = i + 1;
                }
                i++;
                continue;
            }
            if (!t.guarded
                    && t.capital
                    && afterTitle(tokens, i)
                    && !candidate(t)
                    && INSTITUTION.contains(t.lower)) {
                // "Dr. Ward", "Dr. Park": after a title the word is a surname.
                types[i] = Type.STAFF;
                groupEnd[i] = i + 1;
                known.putIfAbsent(t.lower, Type.STAFF);
                i++;
                continue;
            }
            if (t.guarded || !candidate(t)) {
                i++;
                continue;
            }
            int end = groupFrom(tokens, i);
            Type cue = cueBefore(tokens, i);
            // Only a title right before overrides the institution words ("Dr. Grant Hall"); a
            // relation does not ("having a baby, Riverside North or ...").
            if (!afterTitle(tokens, i) && institution(tokens, i, end)) {
                for (int k = i; k < end; k++) {
                    blocked[k] = true;
                }
                i = end;
                continue;
            }
            boolean listed = GIVEN.contains(t.lower) || SURNAMES.contains(t.lower);
            if (!listed && (cue == null || t.acronym())) {
                // An unknown capitalised word ("Loved") without a cue does not start a name, nor
                // an unknown acronym with one ("patient ID", "my mom's ENT").
                i++;
                continue;
            }
            if (cue == null) {
                cue = cueAfter(tokens, end);
            }
            Type found = cue != null ? cue : bare(tokens, i, end);
            if (found != null) {
                types[i] = found;
                groupEnd[i] = end;
                bare[i] = cue == null;
                for (int k = i; k < end; k++) {
                    known.putIfAbsent(tokens.get(k).lower, found);
                    if (cue != null) {
                        cued.putIfAbsent(tokens.get(k).lower, found);
                    }
                }
            }
            i = end;
        }
        // "Maria is great ... Maria was our nurse": a name found without a cue takes the type the
        // same name has next to a cue anywhere in the post.
        for (int k = 0; k < n; k++) {
            if (bare[k] && cued.containsKey(tokens.get(k).lower)) {
                types[k] = cued.get(tokens.get(k).lower);
            }
        }
        // A name found once with its cue is the same person when repeated ("Nurse Kelly ... Kelly
        // stayed late"); a lone surname or common word only through such an earlier find.
        for (int k = 0; k < n; k++) {
            var t = tokens.get(k);
            if (types[k] == null
                    && !blocked[k]
                    && !t.guarded
                    && t.capital
                    && !covered(types, groupEnd, k)
                    && known.containsKey(t.lower)
                    && !STOP.contains(t.lower)) {
                types[k] = known.get(t.lower);
                groupEnd[k] = k + 1;
            }
        }
        var spans = new ArrayList<Span>();
        for (int k = 0; k < n; k++) {
            if (types[k] != null) {
                spans.add(new Span(tokens.get(k).start, tokens.get(groupEnd[k] - 1).end, types[k]));
                k = groupEnd[k] - 1;
            }
        }
        return spans;
    }

    private static boolean covered(Type[] types, int[] groupEnd, int k) {
        // Groups are at most MAX_RUN tokens long: look back that far only.
        for (int j = Math.max(0, k - MAX_RUN); j < k; j++) {
            if (types[j] != null && groupEnd[j] > k) {
                return true;
            }
        }
        return false;
    }

    private static boolean lowerCaseName(Token t) {
        return GIVEN.contains(t.lower) && !COMMON.contains(t.lower) && nameWord(t);
    }

    /** A capitalised word that may start a name. */
    private static boolean candidate(Token t) {
        return t.capital && nameWord(t);
    }

    private static boolean nameWord(Token t) {
        return !STOP.contains(t.lower)
                && !TITLES.contains(t.lower)
                && !HONORIFICS.contains(t.lower)
                && !RELATIONS.contains(t.lower)
                && !ROLES.contains(t.lower)
                && !ROLE_ABBREVIATIONS.contains(t.word)
                && !INSTITUTION.contains(t.lower);
    }

    /**
     * The end (exclusive) of the run of capitalised words starting at {@code i}: at most three
     * words, joined by single spaces, an initial ("John A. Smith") allowed inside.
     */
    private static int groupFrom(List<Token> tokens, int i) {
        int end = i + 1;
        int words = 1;
        while (end < tokens.size() && words < 3 && end - i < MAX_RUN) {
            var next = tokens.get(end);
            var prev = tokens.get(end - 1);
            boolean joined =
                    next.gap == Gap.SPACE || (prev.initial && next.gap == Gap.DOT && words > 0);
            if (!joined || next.guarded || !next.capital || prev.possessive) {
                break;
            }
            if (!nameWord(next) && !INSTITUTION.contains(next.lower)) {
                break;
            }
            if (INSTITUTION.contains(next.lower)) {
                // Included so that the run is recognised as an institution.
                end++;
                break;
            }
            end++;
            if (!next.initial) {
                words++;
            }
        }
        return end;
    }

    /** An institution or a place: a run with or followed by an institution word, or after "St.". */
    private static boolean institution(List<Token> tokens, int start, int end) {
        for (int k = start; k < end; k++) {
            var t = tokens.get(k);
            if (INSTITUTION.contains(t.lower) || BRANDS.contains(t.lower)) {
                return true;
            }
            if (k > start && COMPASS.contains(t.lower)) {
                // "Mercy West": a campus.
                return true;
            }
        }
        // An institution word among the next few capitalised words ("Martin Luther King Jr.
        // Community Hospital", "Charlotte's Atrium Health"), or a lower-case one right after a
        // possessive ("Mary's hospital").
        var last = tokens.get(end - 1);
        for (int k = end; k < Math.min(end + 3, tokens.size()); k++) {
            var next = tokens.get(k);
            boolean joined =
                    next.gap == Gap.SPACE
                            || (next.gap == Gap.DOT && tokens.get(k - 1).abbreviation());
            if (!joined || next.guarded) {
                break;
            }
            if (INSTITUTION.contains(next.lower) || BRANDS.contains(next.lower)) {
                if (next.capital || (k == end && last.possessive)) {
                    return true;
                }
            }
            if (!next.capital) {
                break;
            }
        }
        if (start > 0) {
            var before = tokens.get(start - 1);
            boolean near = tokens.get(start).gap == Gap.SPACE || tokens.get(start).gap == Gap.DOT;
            if (near && ORG_BEFORE.contains(before.lower) && before.capital) {
                return true;
            }
        }
        return false;
    }

    /** Right after a title ("Dr. Ward", "Nurse Park"). */
    private static boolean afterTitle(List<Token> tokens, int i) {
        if (i == 0) {
            return false;
        }
        var first = tokens.get(i);
        var before = tokens.get(i - 1);
        return (first.gap == Gap.SPACE || first.gap == Gap.DOT && before.abbreviation())
                && !before.guarded
                && TITLES.contains(before.lower);
    }

    /** The cue right before the run: a title, an honorific, a role, a relation or "named". */
    private static Type cueBefore(List<Token> tokens, int i) {
        var first = tokens.get(i);
        if (i == 0 || !(first.gap == Gap.SPACE || first.gap == Gap.COMMA || first.gap == Gap.DOT)) {
            return null;
        }
        var before = tokens.get(i - 1);
        if (first.gap == Gap.DOT
                && !(before.abbreviation()
                        && (TITLES.contains(before.lower) || HONORIFICS.contains(before.lower)))) {
            // A period ends a sentence ("one triage nurse. Been here since noon") unless it ends
            // an abbreviated title ("Dr. Patel", "Mrs. Delgado").
            return null;
        }
        if (!before.guarded) {
            if (first.gap != Gap.COMMA && TITLES.contains(before.lower)) {
                return Type.STAFF;
            }
            if (first.gap != Gap.COMMA && ROLE_ABBREVIATIONS.contains(before.word)) {
                return Type.STAFF;
            }
            if (first.gap != Gap.COMMA && HONORIFICS.contains(before.lower)) {
                // "her nurse Mr. Jackson": the role before the honorific decides.
                var role = i >= 2 ? roleOrRelation(tokens.get(i - 2)) : null;
                return role == Type.STAFF ? Type.STAFF : Type.NAME;
            }
            if (first.gap == Gap.SPACE
                    && before.capital
                    && CLERGY.contains(before.lower)
                    && (i < 2 || !DETERMINERS.contains(tokens.get(i - 2).lower))
                    && !(i >= 2 && tokens.get(i - 2).possessive)) {
                // "Father Michael", "Sister Anne": clergy, who visit as chaplains.
                return Type.STAFF;
            }
            if (before.lower.equals("named") || before.lower.equals("called")) {
                // "a nurse named Kim", "my son named Eli": the word before decides, else NAME.
                var owner = i >= 2 ? kind(tokens.get(i - 2)) : null;
                return owner != null ? owner : Type.NAME;
            }
            if (before.lower.equals("is")
                    && i >= 2
                    && tokens.get(i - 2).lower.equals("name")
                    && before.gap == Gap.SPACE) {
                // "my nurse's name is Kelly", "her name is Ava".
                var owner = i >= 3 ? kind(tokens.get(i - 3)) : null;
                return owner != null ? owner : Type.NAME;
            }
            var cue = roleOrRelation(before);
            if (cue != null) {
                return cue;
            }
            if (FILLERS.contains(before.lower)
                    && i >= 2
                    && (before.gap == Gap.SPACE || before.gap == Gap.COMMA)
                    && !tokens.get(i - 2).guarded) {
                var far = tokens.get(i - 2);
                if (TITLES.contains(far.lower) || ROLES.contains(far.lower)) {
                    return Type.STAFF;
                }
                if (RELATIONS.contains(far.lower)) {
                    return Type.NAME;
                }
            }
        }
        return null;
    }

    /** A role or relation word right before a name; not a possessive ("my mom's Kelly"). */
    private static Type roleOrRelation(Token word) {
        return word.possessive ? null : kind(word);
    }

    /** STAFF for a role or title word, NAME for a relation, else null. */
    private static Type kind(Token word) {
        if (word.guarded) {
            return null;
        }
        if (ROLES.contains(word.lower)
                || TITLES.contains(word.lower)
                || ROLE_ABBREVIATIONS.contains(word.word)) {
            return Type.STAFF;
        }
        if (RELATIONS.contains(word.lower)) {
            return Type.NAME;
        }
        return null;
    }

    /**
     * A cue right after the run: "Kelly, RN", "Anil Patel MD", "Maria, our nurse", "Maria the
     * nurse", "Maria was our nurse", "Ruth, my mother".
     */
    private static Type cueAfter(List<Token> tokens, int end) {
        if (end >= tokens.size()) {
            return null;
        }
        var next = tokens.get(end);
        if (next.guarded
                || !(next.gap == Gap.SPACE || next.gap == Gap.COMMA || next.gap == Gap.OPEN)) {
            return null;
        }
        if (ROLE_ABBREVIATIONS.contains(next.word)) {
            return Type.STAFF;
        }
        if ((next.lower.equals("in") || next.lower.equals("from") || next.lower.equals("at"))
                && next.gap == Gap.SPACE) {
            // "Maria in billing", "Luis from transport", "Ashley at the front desk".
            int d = end + 1;
            if (d < tokens.size() && tokens.get(d).lower.equals("the")) {
                d++;
            }
            if (d < tokens.size()
                    && tokens.get(d).gap == Gap.SPACE
                    && DEPARTMENTS.contains(tokens.get(d).lower)) {
                return Type.STAFF;
            }
            return null;
        }
        int k = end;
        if ((next.lower.equals("was") || next.lower.equals("is")) && next.gap == Gap.SPACE) {
            k++;
        }
        if (k >= tokens.size()) {
            return null;
        }
        var det = tokens.get(k);
        if (!(det.lower.equals("the")
                || det.lower.equals("our")
                || det.lower.equals("my")
                || det.lower.equals("his")
                || det.lower.equals("her")
                || det.lower.equals("their"))) {
            return null;
        }
        for (int j = k + 1; j < Math.min(k + 3, tokens.size()); j++) {
            var w = tokens.get(j);
            if (w.gap != Gap.SPACE || w.guarded) {
                return null;
            }
            if (ROLES.contains(w.lower) && !w.possessive) {
                return Type.STAFF;
            }
            if (RELATIONS.contains(w.lower) && !w.possessive) {
                return Type.NAME;
            }
            if (!FILLERS.contains(w.lower)) {
                return null;
            }
        }
        return null;
    }

    /** A run without a cue: a name when it starts with a given name that is only a name. */
    private static Type bare(List<Token> tokens, int start, int end) {
        var first = tokens.get(start);
        boolean given = GIVEN.contains(first.lower);
        if (!given) {
            return null;
        }
        boolean common = COMMON.contains(first.lower);
        boolean withSurname =
                end - start >= 2
                        && SURNAMES.contains(tokens.get(end - 1).lower)
                        && !COMMON.contains(tokens.get(end - 1).lower);
        if (common && !withSurname) {
            return null;
        }
        if (end - start == 1 && start > 0 && tokens.get(start - 1).lower.equals("the")) {
            // "the Madison lot": a person's name does not follow "the" without a role.
            return null;
        }
        if (PLACES.contains(first.lower) && end - start == 1 && start > 0) {
            var before = tokens.get(start - 1);
            if (PLACE_BEFORE.contains(before.lower)) {
                return null;
            }
        }
        if (PLACES.contains(first.lower) && end < tokens.size()) {
            // "Austin, TX": a place followed by a state.
            var next = tokens.get(end);
            if (next.gap == Gap.COMMA
                    && next.word.length() == 2
                    && next.word.equals(next.word.toUpperCase(Locale.ROOT))) {
                return null;
            }
        }
        return Type.NAME;
    }

    /** What separates a token from the one before it. */
    private enum Gap {
        /** Spaces only (or nothing: the first token). */
        SPACE,
        /** A comma and spaces. */
        COMMA,
        /** A period and spaces ("Dr. Patel", "J. Smith"). */
        DOT,
        /** An opening bracket and spaces ("Kelly (RN)"). */
        OPEN,
        /** Anything else: sentence punctuation, a line break, symbols. */
        OTHER
    }

    private static final class Token {
        final int start;
        final int end;
        final String word;
        final String lower;
        final boolean capital;
        final boolean possessive;
        final boolean guarded;
        final boolean initial;
        final Gap gap;

        Token(int start, int end, String word, boolean possessive, boolean guarded, Gap gap) {
            this.start = start;
            this.end = end;
            this.word = word;
            this.lower = word.toLowerCase(Locale.ROOT);
            this.capital = Character.isUpperCase(word.charAt(0));
            this.possessive = possessive;
            this.guarded = guarded;
            this.initial = word.length() == 1 && capital;
            this.gap = gap;
        }

        /** Two or more capitals and no lower-case letter ("ID", "ENT"). */
        boolean acronym() {
            return word.length() > 1 && word.equals(word.toUpperCase(Locale.ROOT));
        }

        /** A word that is written with a period after it ("Dr.", "Jr.", "J."). */
        boolean abbreviation() {
            return initial || ABBREVIATIONS.contains(lower);
        }
    }

    /**
     * Words (letters, with inner apostrophes and hyphens) and what separates each from the one
     * before. A word in a whitespace-delimited chunk holding '@', '#', '/', '[', ']', '_' or a
     * digit is guarded: a handle, a hashtag, a link, a placeholder, an identifier.
     */
    private static List<Token> tokenize(String text) {
        var tokens = new ArrayList<Token>();
        int n = text.length();
        int i = 0;
        while (i < n) {
            while (i < n && Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            int chunkStart = i;
            boolean guarded = false;
            while (i < n && !Character.isWhitespace(text.charAt(i))) {
                char c = text.charAt(i);
                if (c == '@'
                        || c == '#'
                        || c == '/'
                        || c == '['
                        || c == ']'
                        || c == '_'
                        || c == '='
                        || Character.isDigit(c)) {
                    guarded = true;
                }
                i++;
            }
            words(text, chunkStart, i, guarded, tokens);
        }
        return tokens;
    }

    private static void words(String text, int from, int to, boolean guarded, List<Token> tokens) {
        int i = from;
        while (i < to) {
            if (!Character.isLetter(text.charAt(i))) {
                i++;
                continue;
            }
            int start = i;
            while (i < to) {
                char c = text.charAt(i);
                if (Character.isLetter(c)) {
                    i++;
                } else if ((c == '\'' || c == '\u2019' || c == '-')
                        && i + 1 < to
                        && Character.isLetter(text.charAt(i + 1))) {
                    i += 2;
                } else {
                    break;
                }
            }
            int end = i;
            boolean possessive = false;
            if (end - start > 2
                    && (text.charAt(end - 2) == '\'' || text.charAt(end - 2) == '\u2019')
                    && (text.charAt(end - 1) == 's' || text.charAt(end - 1) == 'S')) {
                end -= 2;
                possessive = true;
            } else if (end < to
                    && (text.charAt(end) == '\'' || text.charAt(end) == '\u2019')
                    && text.charAt(end - 1) == 's') {
                // "the Joneses'" / "James'": a plural or s-final possessive.
                possessive = true;
            }
            var gap =
                    gap(
                            text,
                            tokens.isEmpty() ? 0 : tokens.get(tokens.size() - 1).end,
                            start,
                            tokens.isEmpty());
            tokens.add(new Token(start, end, text.substring(start, end), possessive, guarded, gap));
        }
    }

    private static Gap gap(String text, int from, int to, boolean first) {
        if (first) {
            return Gap.OTHER;
        }
        int commas = 0;
        int dots = 0;
        int opens = 0;
        int possessiveTail = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c == ' ' || c == '\t') {
                continue;
            }
            if (c == ',') {
                commas++;
            } else if (c == '.') {
                dots++;
            } else if (c == '(') {
                opens++;
            } else if ((c == '\'' || c == '\u2019' || c == 's') && i - from < 2) {
                possessiveTail++;
            } else {
                return Gap.OTHER;
            }
        }
        int marks = commas + dots + opens;
        if (marks == 0) {
            return Gap.SPACE;
        }
        if (marks > 1) {
            return Gap.OTHER;
        }
        return commas == 1 ? Gap.COMMA : dots == 1 ? Gap.DOT : Gap.OPEN;
    }

    /** A resource file of "[section]" lines, each followed by its words. */
    private record Sections(java.util.Map<String, Set<String>> sections) {

        static Sections load(String file) {
            var map = new HashMap<String, Set<String>>();
            var current = new HashSet<String>();
            String name = null;
            for (var line : lines(file)) {
                if (line.startsWith("[") && line.endsWith("]")) {
                    if (name != null) {
                        map.put(name, Set.copyOf(current));
                    }
                    name = line.substring(1, line.length() - 1);
                    current = new HashSet<>();
                } else {
                    current.add(line);
                }
            }
            if (name != null) {
                map.put(name, Set.copyOf(current));
            }
            return new Sections(Map.copyOf(map));
        }

        Set<String> section(String name) {
            var words = sections.get(name);
            if (words == null) {
                throw new IllegalStateException("names/cues.txt has no section [" + name + "]");
            }
            return words;
        }
    }

    private static Set<String> load(String file) {
        var words = new HashSet<String>();
        for (var line : lines(file)) {
            words.add(line.toLowerCase(Locale.ROOT));
        }
        return Set.copyOf(words);
    }

    /** The lines of a resource under names/, stripped, without blank lines and # comments. */
    private static List<String> lines(String file) {
        var lines = new ArrayList<String>();
        var in = NameRedactor.class.getResourceAsStream("/names/" + file);
        if (in == null) {
            throw new IllegalStateException("missing resource names/" + file);
        }
        try (var reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                var word = line.strip();
                if (!word.isEmpty() && !word.startsWith("#")) {
                    lines.add(word);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return lines;
    }
}
