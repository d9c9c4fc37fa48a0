package org.caresignal.ingest.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A health system that CareSignal watches: its watch query and its facilities. */
@Entity
@Table(name = "brand")
public class Brand {

    @Id
    @Column(name = "brand_id")
    public String id;

    @Column(name = "name", nullable = false)
    public String name;

    @Column(name = "watch_query", nullable = false)
    public String watchQuery;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "facilities", nullable = false, columnDefinition = "jsonb")
    public List<Facility> facilities = new ArrayList<>();

    /** Keep staff names ("Nurse Kelly") in published text instead of replacing them by [STAFF]. */
    @Column(name = "keep_staff_names", nullable = false)
    public boolean keepStaffNames;

    /** The brand's own IANA time zone, or null to follow its facilities (see {@link #zone()}). */
    @Column(name = "time_zone")
    public String timeZone;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Version
    @Column(name = "version", nullable = false)
    public long version;

    /**
     * The zone the brand's days and hours are read in: its own, else that of its first facility
     * with one, else UTC; never null.
     */
    public String zone() {
        if (timeZone != null) {
            return timeZone;
        }
        return facilities.stream()
                .map(Facility::timeZone)
                .filter(java.util.Objects::nonNull)
                .findFirst()
                .orElse("UTC");
    }

    /** The matcher's view of this brand; the stored query is known to parse. */
    public BrandMatcher.BrandRule toRule() {
        return new BrandMatcher.BrandRule(
                id,
                WatchQueryParser.parse(watchQuery),
                facilities.stream()
                        .map(f -> BrandMatcher.FacilityRule.of(f.id(), f.name(), f.aliases()))
                        .toList());
    }
}
