package org.caresignal.alert.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;

class TransientFailuresTest {

    @Test
    void aRefusedOrLostConnectionDeepInTheChainIsAnOutage() {
        var refused = new SQLException("Connection to 127.0.0.1:5432 refused", "08001");
        var wrapped = new IllegalStateException("commit failed", new RuntimeException(refused));

        assertThat(TransientFailures.isDatabaseOutage(wrapped)).isTrue();
        assertThat(TransientFailures.isDatabaseOutage(new SQLException("lost", "08006"))).isTrue();
    }

    @Test
    void serverShutdownTooManyConnectionsLocksAndSerializationAreOutages() {
        for (var state : new String[] {"57P01", "57P03", "53300", "40001", "40P01", "55P03"}) {
            assertThat(TransientFailures.isDatabaseOutage(new SQLException("x", state)))
                    .as(state)
                    .isTrue();
        }
        assertThat(
                        TransientFailures.isDatabaseOutage(
                                new RuntimeException(new SQLTransientConnectionException("t/o"))))
                .isTrue();
    }

    @Test
    void aBadStatementOrAConstraintOrAPlainBugIsNot() {
        assertThat(TransientFailures.isDatabaseOutage(new SQLException("dup", "23505"))).isFalse();
        assertThat(TransientFailures.isDatabaseOutage(new SQLException("syntax", "42601")))
                .isFalse();
        assertThat(TransientFailures.isDatabaseOutage(new SQLException("no state"))).isFalse();
        assertThat(TransientFailures.isDatabaseOutage(new NullPointerException())).isFalse();
        assertThat(TransientFailures.isDatabaseOutage(null)).isFalse();
    }

    @Test
    void aCauseCycleEnds() {
        var a = new RuntimeException("a");
        var b = new RuntimeException("b", a);
        a.initCause(b);

        assertThat(TransientFailures.isDatabaseOutage(a)).isFalse();
    }
}
