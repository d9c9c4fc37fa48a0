package org.caresignal.sentiment.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import org.caresignal.sentiment.domain.ScoredMention;

/** Reads and writes {@link ScoredMention} rows, keyed by mention id. */
@ApplicationScoped
public class ScoredMentionRepository implements PanacheRepositoryBase<ScoredMention, UUID> {}
