package org.caresignal.sentiment.repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.SQLException;
import org.caresignal.sentiment.domain.Actor;
import org.caresignal.sentiment.service.AuditService;
import org.junit.jupiter.api.Test;

/** The audit log is append-only for the application's own database role. */
@QuarkusTest
class AuditEventAppendOnlyTest {

    @Inject AuditService audit;
    @Inject AgroalDataSource dataSource;

    @Test
    void updateDeleteAndTruncateThroughTheApplicationsDatasourceFail() throws Exception {
        var event =
                audit.record(
                        new Actor("sub-append-only", "append-only-test"),
                        "mention.read",
                        "target",
                        1,
                        null);

        try (var connection = dataSource.getConnection()) {
            try (var update =
                    connection.prepareStatement(
                            "update audit_event set username = 'someone-else' where id = ?")) {
                update.setLong(1, event.id);
                assertThatThrownBy(update::executeUpdate)
                        .isInstanceOf(SQLException.class)
                        .hasMessageContaining("append-only");
            }
            try (var delete = connection.prepareStatement("delete from audit_event where id = ?")) {
                delete.setLong(1, event.id);
                assertThatThrownBy(delete::executeUpdate)
                        .isInstanceOf(SQLException.class)
                        .hasMessageContaining("append-only");
            }
            try (var truncate = connection.createStatement()) {
                assertThatThrownBy(() -> truncate.execute("truncate audit_event"))
                        .isInstanceOf(SQLException.class)
                        .hasMessageContaining("append-only");
            }
            try (var select =
                    connection.prepareStatement("select username from audit_event where id = ?")) {
                select.setLong(1, event.id);
                try (var rows = select.executeQuery()) {
                    assertThat(rows.next()).isTrue();
                    assertThat(rows.getString(1)).isEqualTo("append-only-test");
                }
            }
        }
    }
}
