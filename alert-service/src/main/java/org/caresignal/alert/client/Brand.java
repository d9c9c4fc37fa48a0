package org.caresignal.alert.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/**
 * A brand as ingest-service's {@code GET /api/brands} shows it, reduced to what the console needs:
 * id, display name, facilities and the brand's time zone.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Brand(String id, String name, List<Facility> facilities, String timeZone) {

    public Brand {
        facilities = facilities == null ? List.of() : List.copyOf(facilities);
    }

    /** A hospital, clinic or campus of the brand. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Facility(String id, String name, String timeZone) {

        /** The name to show: the display name, else the id. */
        public String displayName() {
            return name == null || name.isBlank() ? id : name;
        }
    }

    /** The name to show: the display name, else the id. */
    public String displayName() {
        return name == null || name.isBlank() ? id : name;
    }

    /**
     * The brand's zone; UTC when ingest-service has none or one this JVM does not know (ingest
     * validates it, so the fallback is for an older ingest-service).
     */
    public ZoneId zone() {
        if (timeZone == null || timeZone.isBlank()) {
            return ZoneOffset.UTC;
        }
        try {
            return ZoneId.of(timeZone);
        } catch (DateTimeException e) {
            return ZoneOffset.UTC;
        }
    }

    public Optional<Facility> facility(String facilityId) {
        return facilities.stream().filter(f -> f.id().equals(facilityId)).findFirst();
    }

    /** The facility's name, else its id (a facility removed since the mention was counted). */
    public String facilityName(String facilityId) {
        if (facilityId == null) {
            return null;
        }
        return facility(facilityId).map(Facility::displayName).orElse(facilityId);
    }
}
