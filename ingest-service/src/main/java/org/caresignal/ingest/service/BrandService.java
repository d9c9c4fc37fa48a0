package org.caresignal.ingest.service;

import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.caresignal.ingest.domain.Actor;
import org.caresignal.ingest.domain.Brand;
import org.caresignal.ingest.domain.BrandMatcher;
import org.caresignal.ingest.domain.WatchQueryParser;
import org.caresignal.ingest.domain.WatchQuerySyntaxException;
import org.caresignal.ingest.repository.BrandRepository;

/**
 * Creates, replaces and deletes brands after checking their watch query and facilities, each change
 * audited under its actor in the same transaction.
 */
@ApplicationScoped
public class BrandService {

    private final BrandRepository brands;
    private final AuditLog audit;

    public BrandService(BrandRepository brands, AuditLog audit) {
        this.brands = brands;
        this.audit = audit;
    }

    @Transactional
    public List<Brand> list() {
        return brands.listAll().stream()
                .sorted(java.util.Comparator.comparing((Brand b) -> b.id))
                .toList();
    }

    @Transactional
    public Brand get(String id) {
        return brands.findByIdOptional(id)
                .orElseThrow(() -> new NotFoundException("no brand " + id));
    }

    @Transactional
    public Brand create(BrandDraft draft, Actor actor) {
        check(draft);
        if (brands.findByIdOptional(draft.id()).isPresent()) {
            throw new ConflictException("brand " + draft.id() + " already exists");
        }
        var brand = new Brand();
        brand.id = draft.id();
        brand.createdAt = Instant.now();
        apply(brand, draft);
        brands.persist(brand);
        audit.change(actor, "brand.create", brand.id, null);
        Log.infof("Brand %s created by %s", brand.id, actor.username());
        return brand;
    }

    @Transactional
    public Brand replace(BrandDraft draft, Actor actor) {
        check(draft);
        var brand = get(draft.id());
        var changed = new ArrayList<String>();
        if (!Objects.equals(brand.name, draft.name())) {
            changed.add("name");
        }
        if (!Objects.equals(brand.watchQuery, draft.watchQuery())) {
            changed.add("watchQuery");
        }
        if (!Objects.equals(brand.timeZone, draft.timeZone())) {
            changed.add("timeZone");
        }
        if (!Objects.equals(brand.facilities, draft.facilities())) {
            changed.add("facilities");
        }
        if (brand.keepStaffNames != draft.keepStaffNames()) {
            changed.add("keepStaffNames");
        }
        apply(brand, draft);
        audit.change(
                actor,
                "brand.update",
                brand.id,
                changed.isEmpty() ? "unchanged" : "changed: " + String.join(", ", changed));
        Log.infof("Brand %s updated by %s", brand.id, actor.username());
        return brand;
    }

    @Transactional
    public void delete(String id, Actor actor) {
        if (!brands.deleteById(id)) {
            throw new NotFoundException("no brand " + id);
        }
        audit.change(actor, "brand.delete", id, null);
        Log.infof("Brand %s deleted by %s", id, actor.username());
    }

    /** The matcher over every stored brand. */
    @Transactional
    public BrandMatcher matcher() {
        return new BrandMatcher(brands.listAll().stream().map(Brand::toRule).toList());
    }

    /** The ids of the brands that keep staff names in published text. */
    @Transactional
    public Set<String> keepingStaffNames() {
        return brands.list("keepStaffNames", true).stream()
                .map(b -> b.id)
                .collect(Collectors.toUnmodifiableSet());
    }

    private static void apply(Brand brand, BrandDraft draft) {
        brand.name = draft.name();
        brand.watchQuery = draft.watchQuery();
        brand.timeZone = draft.timeZone();
        brand.facilities = new java.util.ArrayList<>(draft.facilities());
        brand.keepStaffNames = draft.keepStaffNames();
        brand.updatedAt = Instant.now();
    }

    /** Rules no annotation can express: a query that parses, unique facility ids, real zones. */
    static void check(BrandDraft draft) {
        try {
            WatchQueryParser.parse(draft.watchQuery());
        } catch (WatchQuerySyntaxException e) {
            throw new InvalidInputException("watchQuery", e.getMessage(), e.position());
        }
        if (draft.timeZone() != null && !isIanaZone(draft.timeZone())) {
            throw new InvalidInputException(
                    "timeZone", "must be an IANA time zone such as America/Chicago", null);
        }
        var ids = new HashSet<String>();
        for (int i = 0; i < draft.facilities().size(); i++) {
            var facility = draft.facilities().get(i);
            var at = "facilities[" + i + "].";
            if (!ids.add(facility.id())) {
                throw new InvalidInputException(
                        at + "id", "facility id " + facility.id() + " is used twice", null);
            }
            if (facility.timeZone() != null) {
                try {
                    ZoneId.of(facility.timeZone());
                } catch (DateTimeException e) {
                    throw new InvalidInputException(
                            at + "timeZone",
                            "must be an IANA time zone such as America/Chicago",
                            null);
                }
            }
            for (var name : concat(facility.name(), facility.aliases())) {
                try {
                    WatchQueryParser.term(name);
                } catch (WatchQuerySyntaxException e) {
                    throw new InvalidInputException(
                            at + "aliases", "'" + name + "' has no letters or digits", null);
                }
            }
        }
    }

    /**
     * A region id of the IANA database (America/Chicago, UTC); not a bare offset such as +02:00,
     * whose local time would not follow daylight saving.
     */
    private static boolean isIanaZone(String zone) {
        return ZoneId.getAvailableZoneIds().contains(zone);
    }

    private static List<String> concat(String first, List<String> rest) {
        var all = new java.util.ArrayList<String>();
        all.add(first);
        all.addAll(rest);
        return all;
    }
}
