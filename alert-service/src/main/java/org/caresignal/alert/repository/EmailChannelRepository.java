package org.caresignal.alert.repository;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.caresignal.alert.domain.channel.EmailSettings;

/** The settings of e-mail channels ({@code email_channel}, deleted with their channel). */
@ApplicationScoped
public class EmailChannelRepository {

    private final EntityManager em;
    private final ObjectMapper mapper;

    public EmailChannelRepository(EntityManager em, ObjectMapper mapper) {
        this.em = em;
        this.mapper = mapper;
    }

    /** Inserts or replaces the settings of a channel. */
    public void save(UUID channelId, EmailSettings settings) {
        String recipients;
        try {
            recipients = mapper.writeValueAsString(settings.to());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write recipients", e);
        }
        em.createNativeQuery(
                        "INSERT INTO email_channel (channel_id, recipients, subject_prefix)"
                                + " VALUES (:id, CAST(:to AS jsonb), :prefix) ON CONFLICT"
                                + " (channel_id) DO UPDATE SET recipients = EXCLUDED.recipients,"
                                + " subject_prefix = EXCLUDED.subject_prefix")
                .setParameter("id", channelId)
                .setParameter("to", recipients)
                .setParameter("prefix", settings.subjectPrefix())
                .executeUpdate();
    }

    public Optional<EmailSettings> find(UUID channelId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows =
                em.createNativeQuery(
                                "SELECT CAST(recipients AS text), subject_prefix"
                                        + " FROM email_channel WHERE channel_id = :id")
                        .setParameter("id", channelId)
                        .getResultList();
        return rows.stream()
                .findFirst()
                .map(r -> new EmailSettings(recipients((String) r[0]), (String) r[1]));
    }

    private List<String> recipients(String json) {
        try {
            return mapper.readValue(json, new TypeReference<List<String>>() {});
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable stored recipients", e);
        }
    }
}
