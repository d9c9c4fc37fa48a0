package org.caresignal.local.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ConsoleBenchTest {

    @Test
    void findsTheActionOfKeycloaksLoginFormWithItsEntitiesUndone() {
        var page =
                "<html><body><form id=\"kc-form-login\" onsubmit=\"login.disabled = true; return"
                        + " true;\" action=\"http://localhost:18080/realms/caresignal/login-actions/authenticate?session_code=abc&amp;execution=e1&amp;client_id=caresignal-dashboard&amp;tab_id=t1\""
                        + " method=\"post\"><input name=\"username\"></form></body></html>";

        assertThat(ConsoleBench.loginAction(page))
                .isEqualTo(
                        "http://localhost:18080/realms/caresignal/login-actions/authenticate?session_code=abc&execution=e1&client_id=caresignal-dashboard&tab_id=t1");
        assertThat(ConsoleBench.loginAction("<main id=\"overview\"><form id=\"range\"></form>"))
                .isNull();
    }

    @Test
    void percentilesAreNearestRank() {
        long[] values = new long[100];
        for (int i = 0; i < values.length; i++) {
            values[i] = 100 - i;
        }
        assertThat(ConsoleBench.percentile(values, 50)).isEqualTo(50);
        assertThat(ConsoleBench.percentile(values, 95)).isEqualTo(95);
        assertThat(ConsoleBench.percentile(new long[] {7, 300, 9}, 95)).isEqualTo(300);
        assertThat(ConsoleBench.percentile(new long[0], 95)).isZero();
    }

    @Test
    void theSummaryIsTheWorstP95OfAPagesVariantsAndNotAFigureWhenOneFailed() {
        var a = new ConsoleBench.Page("overview 7d", "/dashboard?range=7d", "id=\"overview\"");
        var b = new ConsoleBench.Page("overview 30d", "/dashboard?range=30d", "id=\"overview\"");
        var fast = new ConsoleBench.Timings(a, new long[] {10, 20, 30}, null);
        var slow = new ConsoleBench.Timings(b, new long[] {100, 200, 400}, null);
        var failed = new ConsoleBench.Timings(b, new long[0], "answered 404");

        assertThat(ConsoleBench.worstP95(List.of(fast, slow))).isEqualTo("400");
        assertThat(ConsoleBench.worstP95(List.of(fast, failed))).isEqualTo("n/a");
    }

    @Test
    void defaultsAreAMillionMentionsOverNinetyDaysAndFiftyRequestsAPage() {
        var options = ConsoleBench.Options.parse(new String[0]);
        assertThat(options.mentions()).isEqualTo(1_000_000);
        assertThat(options.days()).isEqualTo(90);
        assertThat(options.requests()).isEqualTo(50);
        assertThat(options.consoleUrl()).isEqualTo("http://localhost:8083");
        assertThat(options.load()).isTrue();
        assertThat(ConsoleBench.Options.parse(new String[] {"--no-load", "--requests", "5"}))
                .satisfies(o -> assertThat(o.load()).isFalse())
                .satisfies(o -> assertThat(o.requests()).isEqualTo(5));
        assertThatThrownBy(() -> ConsoleBench.Options.parse(new String[] {"--mentions", "0"}))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
