package org.caresignal.alert.event;

import java.util.regex.Pattern;

/**
 * The format of the enumerated values source-health events carry ({@code reason}, {@code
 * resolution}): an upper-case name, so that a value added by a newer producer is accepted and
 * shown, while anything else (free text, markup) is refused.
 */
final class EventNames {

    private static final Pattern NAME = Pattern.compile("[A-Z][A-Z0-9_]{0,31}");

    private EventNames() {}

    static boolean isName(String value) {
        return NAME.matcher(value).matches();
    }
}
