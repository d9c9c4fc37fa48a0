package org.caresignal.alert.repository;

import io.quarkus.logging.Log;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.function.Consumer;
import org.postgresql.PGConnection;

/**
 * One connection in {@code LISTEN} on a PostgreSQL channel, on a thread of its own, handing every
 * notification's payload to a consumer; when the connection fails (a database outage, a restart) it
 * opens a new one after a growing pause. Notifications sent while no connection listened are not
 * seen (PostgreSQL keeps none for absent listeners).
 */
public final class NotificationListener implements AutoCloseable {

    /** Opens a new connection. */
    @FunctionalInterface
    public interface Connector {
        Connection connect() throws SQLException;
    }

    private static final int POLL_MILLIS = 500;
    private static final Duration PING_EVERY = Duration.ofSeconds(15);
    private static final Duration MAX_PAUSE = Duration.ofSeconds(30);

    private final Connector connector;
    private final String channel;
    private final Consumer<String> onPayload;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile boolean listening;
    private volatile Connection current;

    private NotificationListener(Connector connector, String channel, Consumer<String> onPayload) {
        if (!channel.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("not a plain channel name: " + channel);
        }
        this.connector = connector;
        this.channel = channel;
        this.onPayload = onPayload;
        this.thread = new Thread(this::run, "listen-" + channel);
        this.thread.setDaemon(true);
    }

    /** Starts listening in the background; {@link #isListening()} tells when it does. */
    public static NotificationListener start(
            Connector connector, String channel, Consumer<String> onPayload) {
        var listener = new NotificationListener(connector, channel, onPayload);
        listener.thread.start();
        return listener;
    }

    /** Whether a connection is listening now. */
    public boolean isListening() {
        return listening;
    }

    private void run() {
        var pause = Duration.ofMillis(250);
        while (running) {
            try (var connection = connector.connect()) {
                current = connection;
                try (var statement = connection.createStatement()) {
                    statement.execute("LISTEN " + channel);
                }
                listening = true;
                pause = Duration.ofMillis(250);
                Log.infof("Listening on %s", channel);
                receive(connection);
            } catch (SQLException | RuntimeException e) {
                if (!running) {
                    break;
                }
                Log.warnf(
                        "Listening on %s failed (%s); again in %d ms",
                        channel, e.getMessage(), pause.toMillis());
            } finally {
                listening = false;
                current = null;
            }
            if (!sleep(pause)) {
                break;
            }
            pause =
                    pause.multipliedBy(2).compareTo(MAX_PAUSE) > 0
                            ? MAX_PAUSE
                            : pause.multipliedBy(2);
        }
    }

    private void receive(Connection connection) throws SQLException {
        var pg = connection.unwrap(PGConnection.class);
        long lastPing = System.nanoTime();
        while (running) {
            var notifications = pg.getNotifications(POLL_MILLIS);
            if (notifications != null) {
                for (var notification : notifications) {
                    try {
                        onPayload.accept(notification.getParameter());
                    } catch (RuntimeException e) {
                        Log.warnf("A notification on %s was not handled: %s", channel, e);
                    }
                }
            }
            // Waiting for notifications reads the socket without writing: only a query finds a
            // peer that went away without closing the connection.
            if (System.nanoTime() - lastPing > PING_EVERY.toNanos()) {
                try (var statement = connection.createStatement()) {
                    statement.execute("SELECT 1");
                }
                lastPing = System.nanoTime();
            }
        }
    }

    private boolean sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
            return running;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Stops listening and closes the connection. */
    @Override
    public void close() {
        running = false;
        try {
            // The loop sees the flag within one poll; a liveness query hanging on a dead peer
            // is cut short by closing its connection.
            thread.join(Duration.ofSeconds(2).toMillis());
            var connection = current;
            if (thread.isAlive() && connection != null) {
                connection.close();
                thread.join(Duration.ofSeconds(5).toMillis());
            }
        } catch (SQLException e) {
            // Closing a failed connection: nothing left to release.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
