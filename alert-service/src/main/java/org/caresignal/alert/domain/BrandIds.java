package org.caresignal.alert.domain;

import java.util.regex.Pattern;

/** The shape of a brand id: a lower-case slug such as {@code riverside-health}. */
public final class BrandIds {

    public static final String PATTERN = "[a-z0-9][a-z0-9-]{0,63}";

    private static final Pattern COMPILED = Pattern.compile(PATTERN);

    private BrandIds() {}

    public static boolean isValid(String brandId) {
        return brandId != null && COMPILED.matcher(brandId).matches();
    }
}
