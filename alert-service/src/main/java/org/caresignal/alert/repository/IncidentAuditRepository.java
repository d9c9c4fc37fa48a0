package org.caresignal.alert.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;
import org.caresignal.alert.domain.incident.IncidentAudit;

/** The audit trail of incidents, oldest change first. */
@ApplicationScoped
public class IncidentAuditRepository implements PanacheRepository<IncidentAudit> {

    public List<IncidentAudit> trail(UUID incidentId) {
        return list("incidentId", Sort.by("id"), incidentId);
    }
}
