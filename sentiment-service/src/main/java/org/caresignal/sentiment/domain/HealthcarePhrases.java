package org.caresignal.sentiment.domain;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Rewrites clinical phrases whose words carry a sentiment they do not have in a hospital ("my test
 * came back negative" and "pain free" are good news, "positive for flu" and "discharged" are facts,
 * not opinions) and notes the good news as the cue {@link #GOOD_NEWS}; stateless and thread-safe.
 */
public final class HealthcarePhrases {

    /** The cue noted when a result came back clear. */
    public static final String GOOD_NEWS = "good-news";

    /** The cue noted when a clinical fact was neutralised. */
    public static final String CLINICAL_FACT = "clinical-fact";

    private static final String TESTS =
            "(?:tests?|results?|scans?|biopsy|biopsies|screening|swabs?|mammogram|x-?rays?|mri|"
                    + "ct|pcr|pap smear|blood ?work|labs?|covid|covid-19|flu|strep)";

    private static final Pattern RESULT_CLEAR =
            Pattern.compile(
                    "(?i)\\b("
                            + TESTS
                            + "\\b[^.!?]{0,30}?\\b(?:came|come|comes|coming)\\s+back|"
                            + TESTS
                            + "\\s+(?:was|were|is|are|turned out|came out)|tested|testing)"
                            + "\\s+(?:all\\s+|totally\\s+|completely\\s+)?(negative|clear|normal|benign)\\b");

    private static final Pattern RESULT_POSITIVE =
            Pattern.compile(
                    "(?i)\\b(tested|test(?:s|ed)?\\s+(?:came|come)\\s+back|(?:was|were|is|are|"
                            + "been|being)\\s+(?:found\\s+)?)?\\s*positive\\s+(for|with|on)\\b");

    private static final Pattern TESTED_POSITIVE =
            Pattern.compile(
                    "(?i)\\b(tested|testing|test(?:s|ed)? came back|(?:hiv|covid|covid-19|"
                            + "flu|strep|mrsa|hep [abc])-?)\\s*positive\\b");

    private static final String COMPLAINTS =
            "(?:pain|symptoms?|migraines?|headaches?|seizures?|nausea|cough|swelling|rash|acne|"
                    + "anxiety|panic attacks?|cramps?|itching|aches?)";

    /**
     * Relief, the end of many patient reviews: "pain free", "no more migraines", "the headaches are
     * gone". Read word by word it is the illness again ("pain" is a negative word).
     */
    private static final Pattern RELIEF =
            Pattern.compile(
                    "(?i)\\b(?:"
                            + COMPLAINTS
                            + "[- ]free|no (?:more|longer(?: any)?|longer in) "
                            + COMPLAINTS
                            + "|"
                            + COMPLAINTS
                            + " (?:is|are|has|have|had) (?:finally |completely |totally |all |now )?"
                            + "(?:gone|disappeared|cleared up|cleared|went away|resolved|stopped))\\b");

    private static final Pattern DISCHARGE =
            Pattern.compile("(?i)\\b(discharged|discharging|discharge)\\b");

    /** Rewrites the phrases of {@code text}, adding a cue to {@code cues} for each kind found. */
    public String rewrite(String text, List<String> cues) {
        var result = text;
        var clear = RESULT_CLEAR.matcher(result);
        if (clear.find()) {
            cues.add(GOOD_NEWS);
            result = clear.replaceAll("$1 clear, good news");
        }
        var relief = RELIEF.matcher(result);
        if (relief.find()) {
            cues.add(GOOD_NEWS);
            result = relief.replaceAll("relieved");
        }
        var positive = RESULT_POSITIVE.matcher(result);
        if (positive.find()) {
            cues.add(CLINICAL_FACT);
            result = positive.replaceAll("$1 diagnosed $2");
        }
        var tested = TESTED_POSITIVE.matcher(result);
        if (tested.find()) {
            cues.add(CLINICAL_FACT);
            result = tested.replaceAll("$1 confirmed");
        }
        var discharge = DISCHARGE.matcher(result);
        if (discharge.find()) {
            cues.add(CLINICAL_FACT);
            result =
                    discharge.replaceAll(
                            m ->
                                    switch (m.group(1).toLowerCase()) {
                                        case "discharged" -> "sent home";
                                        case "discharging" -> "sending home";
                                        default -> "release";
                                    });
        }
        return result;
    }
}
