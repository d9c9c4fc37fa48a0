package org.caresignal.ingest.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import org.caresignal.ingest.domain.IngestedMention;

/** Accepted mentions by id. */
@ApplicationScoped
public class IngestedMentionRepository implements PanacheRepositoryBase<IngestedMention, UUID> {

    /**
     * Records the mention unless it is already known (its id, or its post for its brand); true when
     * this call recorded it. Safe against two concurrent acceptances of the same post: the post's
     * first mention always has the post's own id, so the primary key decides.
     */
    public boolean insertIfAbsent(IngestedMention m) {
        return getEntityManager()
                        .createNativeQuery(
                                "insert into ingested_mention (mention_id, brand_id, facility_id,"
                                        + " source, external_id, author_pseudonym, author_name,"
                                        + " redactions, accepted_at, integration, language, repost_of,"
                                        + " post_id) values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9,"
                                        + " ?10, ?11, ?12, ?13) on conflict do nothing")
                        .setParameter(1, m.mentionId)
                        .setParameter(2, m.brandId)
                        .setParameter(3, m.facilityId)
                        .setParameter(4, m.source)
                        .setParameter(5, m.externalId)
                        .setParameter(6, m.authorPseudonym)
                        .setParameter(7, m.authorName)
                        .setParameter(8, m.redactions)
                        .setParameter(9, m.acceptedAt)
                        .setParameter(10, m.integration)
                        .setParameter(11, m.language)
                        .setParameter(12, m.repostOf)
                        .setParameter(13, m.postId)
                        .executeUpdate()
                == 1;
    }
}
