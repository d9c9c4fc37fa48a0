package org.caresignal.local.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PostgresServerTest {

    @TempDir Path dir;

    @Test
    void eachServiceGetsItsOwnDatabaseAndRoleAndDataSurvivesARestart() throws Exception {
        try (var postgres = PostgresServer.start(dir, 0)) {
            postgres.ensureDatabase("sentiment");
            postgres.ensureDatabase("sentiment");
            try (var c =
                            DriverManager.getConnection(
                                    postgres.jdbcUrl("sentiment"), "sentiment", "sentiment");
                    var s = c.createStatement()) {
                s.execute("create table kept (v text)");
                s.execute("insert into kept values ('still here')");
            }
        }
        try (var postgres = PostgresServer.start(dir, 0)) {
            try (var c =
                            DriverManager.getConnection(
                                    postgres.jdbcUrl("sentiment"), "sentiment", "sentiment");
                    var s = c.createStatement();
                    var rs = s.executeQuery("select v from kept")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("still here");
            }
        }
    }

    @Test
    void aStoppedServerRefusesConnectionsAndComesBackOnItsPortWithItsData() throws Exception {
        try (var postgres = PostgresServer.start(dir, 0)) {
            postgres.ensureDatabase("alert");
            var url = postgres.jdbcUrl("alert");
            try (var c = DriverManager.getConnection(url, "alert", "alert");
                    var s = c.createStatement()) {
                s.execute("create table kept (v text)");
                s.execute("insert into kept values ('before the outage')");
            }

            postgres.stop();
            assertThatThrownBy(() -> DriverManager.getConnection(url, "alert", "alert").close())
                    .isInstanceOf(SQLException.class);

            postgres.startAgain();
            assertThat(postgres.jdbcUrl("alert")).isEqualTo(url);
            try (var c = DriverManager.getConnection(url, "alert", "alert");
                    var s = c.createStatement();
                    var rs = s.executeQuery("select v from kept")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("before the outage");
            }
        }
    }

    @Test
    void aThrowAwayServerCannotBeStopped() {
        try (var postgres = PostgresServer.start(null, 0)) {
            assertThatThrownBy(postgres::stop).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void refusesNamesThatAreNotPlainIdentifiers() {
        try (var postgres = PostgresServer.start(null, 0)) {
            assertThatThrownBy(() -> postgres.ensureDatabase("x; drop database postgres"))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }
}
