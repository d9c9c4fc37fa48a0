package org.caresignal.alert.dashboard;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The dashboard's defence against cross-site request forgery: a form may change an incident only
 * when the browser says it was sent from one of the dashboard's own origins ({@code Origin} header,
 * else Fetch Metadata {@code Sec-Fetch-Site: same-origin}); a request that says neither is refused,
 * since every current browser sends {@code Origin} with a form POST.
 */
public final class SameOrigin {

    private SameOrigin() {}

    /**
     * Why the request is refused, or empty when it came from one of {@code allowedOrigins}.
     *
     * @param origin the {@code Origin} header, or null
     * @param fetchSite the {@code Sec-Fetch-Site} header, or null
     * @param allowedOrigins {@code scheme://host[:port]} values, lower case, no trailing slash
     */
    public static Optional<String> refusal(
            String origin, String fetchSite, Set<String> allowedOrigins) {
        if (fetchSite != null && !fetchSite.equalsIgnoreCase("same-origin")) {
            return Optional.of("the form was sent from another site (" + fetchSite + ")");
        }
        if (origin != null) {
            var normalized = normalize(origin);
            if (normalized.isEmpty() || !allowedOrigins.contains(normalized.get())) {
                return Optional.of("the form was sent from another origin");
            }
            return Optional.empty();
        }
        if (fetchSite == null) {
            return Optional.of("the browser did not say where the form came from");
        }
        return Optional.empty();
    }

    /**
     * {@code scheme://host[:port]} of an absolute http(s) URL, lower case, the default port left
     * out; empty for anything else (including the opaque origin {@code null}).
     */
    public static Optional<String> normalize(String url) {
        try {
            var uri = new URI(url.trim());
            if (uri.getScheme() == null || uri.getHost() == null) {
                return Optional.empty();
            }
            var scheme = uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https")) {
                return Optional.empty();
            }
            int port = uri.getPort();
            boolean defaultPort =
                    port == -1
                            || (scheme.equals("http") && port == 80)
                            || (scheme.equals("https") && port == 443);
            return Optional.of(
                    scheme
                            + "://"
                            + uri.getHost().toLowerCase(Locale.ROOT)
                            + (defaultPort ? "" : ":" + port));
        } catch (java.net.URISyntaxException e) {
            return Optional.empty();
        }
    }
}
