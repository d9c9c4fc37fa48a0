package org.caresignal.alert.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.caresignal.alert.domain.channel.ChannelType;
import org.caresignal.alert.domain.privacy.SampleDisclosure;

/**
 * Notification channels; {@code secrets} is the JSON object of the channel's secrets as stored:
 * names in clear, each value sealed (see {@code ChannelSecretVault}).
 */
@ApplicationScoped
public class ChannelRepository {

    /**
     * A stored channel, secrets included (never hand this to the API as is).
     *
     * @param allowPostLinks its notifications may carry a sample's post URL
     * @param includeExcerpt its notifications may carry a sample's excerpt
     */
    public record Channel(
            UUID id,
            String name,
            ChannelType type,
            boolean enabled,
            String endpoint,
            String secrets,
            Instant createdAt,
            Instant updatedAt,
            boolean allowPostLinks,
            boolean includeExcerpt) {

        /** What of a sample mention this channel's notifications may carry. */
        public SampleDisclosure disclosure() {
            return new SampleDisclosure(allowPostLinks, includeExcerpt);
        }
    }

    private static final String COLUMNS =
            "SELECT id, name, type, enabled, endpoint, CAST(secrets AS text), created_at,"
                    + " updated_at, allow_post_links, include_excerpt FROM notification_channel";

    private final EntityManager em;

    public ChannelRepository(EntityManager em) {
        this.em = em;
    }

    public void insert(Channel c) {
        em.createNativeQuery(
                        "INSERT INTO notification_channel (id, name, type, enabled, endpoint,"
                                + " secrets, created_at, updated_at, allow_post_links,"
                                + " include_excerpt) VALUES (:id, :name, :type, :enabled,"
                                + " :endpoint, CAST(:secrets AS jsonb), :at, :at, :links,"
                                + " :excerpt)")
                .setParameter("links", c.allowPostLinks())
                .setParameter("excerpt", c.includeExcerpt())
                .setParameter("id", c.id())
                .setParameter("name", c.name())
                .setParameter("type", c.type().name())
                .setParameter("enabled", c.enabled())
                .setParameter("endpoint", c.endpoint())
                .setParameter("secrets", c.secrets())
                .setParameter("at", Timestamp.from(c.createdAt()))
                .executeUpdate();
    }

    public void update(Channel c) {
        em.createNativeQuery(
                        "UPDATE notification_channel SET name = :name, enabled = :enabled,"
                                + " endpoint = :endpoint, secrets = CAST(:secrets AS jsonb),"
                                + " updated_at = :at, allow_post_links = :links,"
                                + " include_excerpt = :excerpt WHERE id = :id")
                .setParameter("links", c.allowPostLinks())
                .setParameter("excerpt", c.includeExcerpt())
                .setParameter("id", c.id())
                .setParameter("name", c.name())
                .setParameter("enabled", c.enabled())
                .setParameter("endpoint", c.endpoint())
                .setParameter("secrets", c.secrets())
                .setParameter("at", Timestamp.from(c.updatedAt()))
                .executeUpdate();
    }

    /** A channel's id and its secrets as the database holds them. */
    public record StoredSecrets(UUID id, String secrets) {}

    /** Every channel's stored secrets. */
    @SuppressWarnings("unchecked")
    public List<StoredSecrets> storedSecrets() {
        List<Object[]> rows =
                em.createNativeQuery(
                                "SELECT id, CAST(secrets AS text) FROM notification_channel"
                                        + " ORDER BY id")
                        .getResultList();
        return rows.stream().map(r -> new StoredSecrets((UUID) r[0], (String) r[1])).toList();
    }

    /** Replaces a channel's stored secrets if they are still {@code expected}. */
    public boolean replaceSecrets(UUID id, String expected, String replacement) {
        return em.createNativeQuery(
                                "UPDATE notification_channel SET secrets = CAST(:next AS jsonb)"
                                        + " WHERE id = :id AND secrets = CAST(:expected AS jsonb)")
                        .setParameter("next", replacement)
                        .setParameter("id", id)
                        .setParameter("expected", expected)
                        .executeUpdate()
                == 1;
    }

    public boolean delete(UUID id) {
        return em.createNativeQuery("DELETE FROM notification_channel WHERE id = :id")
                        .setParameter("id", id)
                        .executeUpdate()
                > 0;
    }

    public Optional<Channel> find(UUID id) {
        return rows(em.createNativeQuery(COLUMNS + " WHERE id = :id").setParameter("id", id))
                .stream()
                .findFirst();
    }

    public List<Channel> all() {
        return rows(em.createNativeQuery(COLUMNS + " ORDER BY created_at, id"));
    }

    public List<Channel> enabled() {
        return rows(em.createNativeQuery(COLUMNS + " WHERE enabled ORDER BY created_at, id"));
    }

    @SuppressWarnings("unchecked")
    private static List<Channel> rows(jakarta.persistence.Query query) {
        List<Object[]> rows = query.getResultList();
        return rows.stream()
                .map(
                        r ->
                                new Channel(
                                        (UUID) r[0],
                                        (String) r[1],
                                        ChannelType.valueOf((String) r[2]),
                                        (Boolean) r[3],
                                        (String) r[4],
                                        (String) r[5],
                                        instant(r[6]),
                                        instant(r[7]),
                                        (Boolean) r[8],
                                        (Boolean) r[9]))
                .toList();
    }

    static Instant instant(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof java.time.OffsetDateTime o) {
            return o.toInstant();
        }
        return ((Timestamp) value).toInstant();
    }
}
