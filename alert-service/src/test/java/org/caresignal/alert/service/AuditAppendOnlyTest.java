package org.caresignal.alert.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.util.UUID;
import org.caresignal.alert.domain.Actor;
import org.junit.jupiter.api.Test;

/**
 * The audit log is append-only for the application: through its own datasource (its database role),
 * an UPDATE, a DELETE and a TRUNCATE of {@code audit_event} fail and the row stays as written.
 */
@QuarkusTest
class AuditAppendOnlyTest {

    @Inject AuditLog audit;
    @Inject AgroalDataSource dataSource;

    @Test
    void auditRowsCannotBeChangedOrRemoved() throws SQLException {
        var who = new Actor(UUID.randomUUID().toString(), "append-only-" + UUID.randomUUID());
        QuarkusTransaction.requiringNew()
                .run(() -> audit.change(who, "channel.delete", "some-id", "written once"));
        var id = idOf(who.username());

        for (var sql :
                new String[] {
                    "UPDATE audit_event SET username = 'someone-else' WHERE id = " + id,
                    "DELETE FROM audit_event WHERE id = " + id,
                    "TRUNCATE audit_event"
                }) {
            assertThatThrownBy(() -> execute(sql))
                    .as(sql)
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("append-only");
        }
        assertThat(idOf(who.username())).isEqualTo(id);
        try (var connection = dataSource.getConnection();
                var statement = connection.createStatement();
                var rows =
                        statement.executeQuery(
                                "SELECT username, detail FROM audit_event WHERE id = " + id)) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1)).isEqualTo(who.username());
            assertThat(rows.getString(2)).isEqualTo("written once");
        }
    }

    @Test
    void aChangeIsAuditedOnlyInsideItsTransaction() {
        var who = new Actor("sub", "outside-" + UUID.randomUUID());
        assertThatThrownBy(() -> audit.change(who, "channel.delete", "x", null))
                .hasMessageContaining("Transaction");
    }

    private void execute(String sql) throws SQLException {
        try (var connection = dataSource.getConnection();
                var statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private long idOf(String username) throws SQLException {
        try (var connection = dataSource.getConnection();
                var statement =
                        connection.prepareStatement(
                                "SELECT id FROM audit_event WHERE username = ?")) {
            statement.setString(1, username);
            try (var rows = statement.executeQuery()) {
                assertThat(rows.next()).isTrue();
                return rows.getLong(1);
            }
        }
    }
}
