package org.caresignal.ingest.domain;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Gives a short post's language as an ISO 639-1 code, or {@code und} when the post does not say
 * enough (emoji, links, a name or two): first by writing system, then, for Latin script, by the
 * frequent words and letters of English, Spanish, Portuguese, French, German, Italian and Dutch.
 */
public final class LanguageDetector {

    /** ISO 639-2 "undetermined": too little text, or two languages equally likely. */
    public static final String UNDETERMINED = "und";

    /** Least evidence (frequent words, plus telling letters) for a Latin-script language. */
    static final int MIN_SCORE = 2;

    /** Least letters of a non-Latin script before it decides, and its least share of letters. */
    static final int MIN_SCRIPT_LETTERS = 3;

    static final double MIN_SCRIPT_SHARE = 0.3;

    // RE2/J: with backtracking, "[\w.-]+ before .com" tried from each boundary of a long
    // "a.a.a..." token is quadratic; RE2/J tries all start positions at once.
    private static final com.google.re2j.Pattern URL =
            com.google.re2j.Pattern.compile(
                    "(?i)\\b(?:https?://|www\\.)\\S+|\\b[\\w.-]+\\.(?:com|org|net)\\S*");
    private static final Pattern HANDLE_OR_TAG = Pattern.compile("[@#][\\p{L}\\p{N}_.@-]+");
    private static final Pattern NON_LETTERS = Pattern.compile("[^\\p{L}]+");

    private static final Map<String, Set<String>> WORDS = new HashMap<>();

    static {
        words(
                "en",
                "the and is are was were be been to of in on at for with this that it i you my me we"
                        + " our they not no but so just have has had do does did what why how when who"
                        + " from about an all very can will would there their your thank thanks please"
                        + " today after again still hours waited waiting wait great worst best never ever"
                        + " get got nurse nurses doctor doctors staff kind care amazing terrible rude"
                        + " hospital appointment bill billing parking");
        words(
                "es",
                "el la los las un una y de del en que es por para con no muy pero mi su se lo le al"
                        + " como más mas está esta estoy son fue hay hoy gracias horas ya también todo"
                        + " todos sin nos yo tu médico médicos enfermera enfermeras atención servicio"
                        + " espera nunca porque cuando donde qué hospital cita pésimo excelente");
        words(
                "pt",
                "o os as um uma e de do da dos das em no na que é por para com não muito mas meu"
                        + " minha se ao como mais está foi há hoje obrigado obrigada horas já também tudo"
                        + " sem nós eu você atendimento médico médicos enfermeira espera nunca porque"
                        + " quando onde hospital consulta péssimo excelente");
        words(
                "fr",
                "le la les un une et de des du en que qui est pour avec pas ne très mais mon ma mes"
                        + " son sa se au aux comme plus je j tu il elle nous vous ils on ça merci heures"
                        + " déjà aussi tout sans médecin médecins infirmière infirmières attente jamais"
                        + " parce quand où à été sont dans sur ce cette hôpital urgences rendez");
        words(
                "de",
                "der die das und ist sind war nicht ein eine einen zu mit auf für von im in den dem"
                        + " des ich du er sie es wir ihr mein meine sehr aber auch noch schon nur wie was"
                        + " warum heute danke stunden arzt ärztin krankenhaus pflege warten nie immer bei"
                        + " nach aus um hat haben gewartet notaufnahme termin");
        words(
                "it",
                "il lo la i gli le un una e di del della in che è per con non molto ma mio mia si al"
                        + " come più sono era ho ha oggi grazie ore già anche tutto senza noi io tu"
                        + " medico medici infermiera infermieri attesa mai perché quando dove ospedale"
                        + " questo questa pronto soccorso");
        words(
                "nl",
                "de het een en is zijn was niet van te met op voor in dat die ik je jij we wij mijn"
                        + " heel erg maar ook nog al wel geen hoe wat waarom vandaag bedankt dank uur arts"
                        + " ziekenhuis wachten gewacht nooit altijd bij naar uit om heeft hebben heb er"
                        + " spoedeisende hulp");
    }

    /** Letters that only some of the Latin-script languages use. */
    private static final List<Hint> HINTS =
            List.of(
                    new Hint("ñ¿¡", "es", 2),
                    new Hint("ãõ", "pt", 2),
                    new Hint("ç", "pt", 1),
                    new Hint("ç", "fr", 1),
                    new Hint("œèêëâîûù", "fr", 1),
                    new Hint("ß", "de", 2),
                    new Hint("äöü", "de", 1),
                    new Hint("òì", "it", 1));

    private LanguageDetector() {}

    /** The post's language, e.g. {@code en}, {@code es}, {@code ja}, or {@code und}. */
    public static String detect(String text) {
        if (text == null || text.isBlank()) {
            return UNDETERMINED;
        }
        var cleaned =
                HANDLE_OR_TAG
                        .matcher(
                                URL.matcher(Normalizer.normalize(text, Normalizer.Form.NFC))
                                        .replaceAll(" "))
                        .replaceAll(" ")
                        .toLowerCase(Locale.ROOT);

        var byScript = new EnumMap<Character.UnicodeScript, Integer>(Character.UnicodeScript.class);
        int letters = 0;
        for (int i = 0; i < cleaned.length(); ) {
            int cp = cleaned.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.isLetter(cp)) {
                letters++;
                byScript.merge(Character.UnicodeScript.of(cp), 1, Integer::sum);
            }
        }
        if (letters == 0) {
            return UNDETERMINED;
        }
        var byWritingSystem = byScript(byScript, letters, cleaned);
        if (byWritingSystem != null) {
            return byWritingSystem;
        }
        return byWords(cleaned);
    }

    private static String byScript(
            Map<Character.UnicodeScript, Integer> counts, int letters, String text) {
        int kana =
                counts.getOrDefault(Character.UnicodeScript.HIRAGANA, 0)
                        + counts.getOrDefault(Character.UnicodeScript.KATAKANA, 0);
        int han = counts.getOrDefault(Character.UnicodeScript.HAN, 0);
        // Japanese mixes kana into Han; Chinese has none.
        if (kana > 0 && enough(kana + han, letters)) {
            return "ja";
        }
        if (enough(han, letters)) {
            return "zh";
        }
        for (var script : counts.keySet()) {
            if (script == Character.UnicodeScript.LATIN || !enough(counts.get(script), letters)) {
                continue;
            }
            return switch (script) {
                case HANGUL -> "ko";
                case CYRILLIC -> cyrillic(text);
                case ARABIC -> arabic(text);
                case HEBREW -> "he";
                case GREEK -> "el";
                case THAI -> "th";
                case DEVANAGARI -> "hi";
                case ARMENIAN -> "hy";
                case GEORGIAN -> "ka";
                default -> UNDETERMINED;
            };
        }
        return null;
    }

    /** Ukrainian has letters Russian lacks; other Cyrillic text is taken as Russian. */
    private static String cyrillic(String text) {
        return containsAny(text, "іїєґ") ? "uk" : "ru";
    }

    /** Persian and Urdu add letters to the Arabic alphabet. */
    private static String arabic(String text) {
        if (containsAny(text, "ٹڈڑںے")) {
            return "ur";
        }
        return containsAny(text, "پچژگ") ? "fa" : "ar";
    }

    private static boolean containsAny(String text, String letters) {
        for (int i = 0; i < text.length(); i++) {
            if (letters.indexOf(text.charAt(i)) >= 0) {
                return true;
            }
        }
        return false;
    }

    private static boolean enough(int scriptLetters, int letters) {
        return scriptLetters >= MIN_SCRIPT_LETTERS && scriptLetters >= MIN_SCRIPT_SHARE * letters;
    }

    private static String byWords(String cleaned) {
        var scores = new HashMap<String, Integer>();
        for (var word : NON_LETTERS.split(cleaned)) {
            if (word.isEmpty()) {
                continue;
            }
            WORDS.forEach(
                    (language, words) -> {
                        if (words.contains(word)) {
                            scores.merge(language, 1, Integer::sum);
                        }
                    });
        }
        for (var hint : HINTS) {
            if (hint.letters().chars().anyMatch(c -> cleaned.indexOf(c) >= 0)) {
                scores.merge(hint.language(), hint.weight(), Integer::sum);
            }
        }
        String best = null;
        int bestScore = 0;
        int secondScore = 0;
        for (var e : scores.entrySet()) {
            if (e.getValue() > bestScore) {
                secondScore = bestScore;
                bestScore = e.getValue();
                best = e.getKey();
            } else if (e.getValue() > secondScore) {
                secondScore = e.getValue();
            }
        }
        // Too little evidence, or two languages as likely: say so rather than guess.
        if (best == null || bestScore < MIN_SCORE || bestScore == secondScore) {
            return UNDETERMINED;
        }
        return best;
    }

    private static void words(String language, String list) {
        WORDS.put(language, Set.copyOf(Arrays.asList(list.split(" "))));
    }

    private record Hint(String letters, String language, int weight) {}
}
