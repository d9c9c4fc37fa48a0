package org.caresignal.ingest.service;

import io.quarkus.logging.Log;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Set;
import org.caresignal.ingest.domain.BrandMatcher;

/**
 * The current brands compiled into a matcher, and which of them keep staff names, refreshed after
 * each change here and periodically (for changes made through another instance).
 */
@ApplicationScoped
@Startup
public class BrandCatalog {

    private final BrandService brands;
    private volatile BrandMatcher matcher = new BrandMatcher(List.of());
    // Until the first load no brand keeps staff names: redacting them is the safe side.
    private volatile Set<String> keepingStaffNames = Set.of();

    public BrandCatalog(BrandService brands) {
        this.brands = brands;
    }

    public BrandMatcher matcher() {
        return matcher;
    }

    /** Whether the brand keeps staff names in published text (its keepStaffNames setting). */
    public boolean keepsStaffNames(String brandId) {
        return keepingStaffNames.contains(brandId);
    }

    @Scheduled(
            every = "${caresignal.ingest.brand-refresh-interval:30s}",
            delayed = "1s",
            skipExecutionIf = Scheduled.ApplicationNotRunning.class,
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public void refresh() {
        try {
            matcher = brands.matcher();
            keepingStaffNames = brands.keepingStaffNames();
        } catch (RuntimeException e) {
            Log.warnf("Could not reload brands, keeping the previous set: %s", e.toString());
        }
    }
}
