package org.caresignal.alert.repository;

import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import java.util.function.Consumer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * PostgreSQL {@code NOTIFY}/{@code LISTEN} on one channel of the alert database: {@link
 * #announce(String)} queues a payload in the caller's transaction (PostgreSQL delivers it to every
 * listening session when, and only when, that transaction commits), {@link #listen(Consumer)} keeps
 * a connection of its own listening and hands each payload over.
 */
@ApplicationScoped
public class ChangeNotifications {

    /** The channel of incident changes. */
    public static final String CHANNEL = "caresignal_incident_changes";

    /** PostgreSQL refuses larger payloads (8,000 bytes with the default block size). */
    public static final int MAX_PAYLOAD_BYTES = 7_900;

    private final EntityManager em;
    private final String url;
    private final String username;
    private final String password;

    public ChangeNotifications(
            EntityManager em,
            @ConfigProperty(name = "quarkus.datasource.jdbc.url") String url,
            @ConfigProperty(name = "quarkus.datasource.username") String username,
            @ConfigProperty(name = "quarkus.datasource.password") String password) {
        this.em = em;
        this.url = url;
        this.username = username;
        this.password = password;
    }

    /** Queues {@code payload} for the listeners; sent if the current transaction commits. */
    public void announce(String payload) {
        em.createNativeQuery("SELECT pg_notify(:channel, :payload)")
                .setParameter("channel", CHANNEL)
                .setParameter("payload", payload)
                .getSingleResult();
    }

    /**
     * Starts listening on a connection outside the pool (a pooled one would be taken for good, and
     * recycled under the listener), re-opened after an outage; the caller closes the listener.
     */
    public NotificationListener listen(Consumer<String> onPayload) {
        return NotificationListener.start(this::connect, CHANNEL, onPayload);
    }

    private Connection connect() throws SQLException {
        var props = new Properties();
        props.setProperty("user", username);
        props.setProperty("password", password);
        props.setProperty("ApplicationName", "alert-service incident listener");
        // A silently dead peer must fail the liveness query instead of hanging the listener.
        props.setProperty("connectTimeout", "10");
        props.setProperty("socketTimeout", "30");
        props.setProperty("tcpKeepAlive", "true");
        Log.debugf("Opening the %s listener connection", CHANNEL);
        return DriverManager.getConnection(url, props);
    }
}
