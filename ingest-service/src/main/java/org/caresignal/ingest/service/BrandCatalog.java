package org.caresignal.ingest.service;

import io.quarkus.logging.Log;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.caresignal.ingest.domain.BrandMatcher;

/**
 * The current brands compiled into a matcher, refreshed after each change here and periodically
 * (for changes made through another instance).
 */
@ApplicationScoped
@Startup
public class BrandCatalog {

    private final BrandService brands;
    private volatile BrandMatcher matcher = new BrandMatcher(List.of());

    public BrandCatalog(BrandService brands) {
        this.brands = brands;
    }

    public BrandMatcher matcher() {
        return matcher;
    }

    @Scheduled(
            every = "${caresignal.ingest.brand-refresh-interval:30s}",
            delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public void refresh() {
        try {
            matcher = brands.matcher();
        } catch (RuntimeException e) {
            Log.warnf("Could not reload brands, keeping the previous set: %s", e.toString());
        }
    }
}
