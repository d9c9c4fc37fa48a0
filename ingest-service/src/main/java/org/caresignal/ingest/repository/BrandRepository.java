package org.caresignal.ingest.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import org.caresignal.ingest.domain.Brand;

/** Stores brands by their slug. */
@ApplicationScoped
public class BrandRepository implements PanacheRepositoryBase<Brand, String> {}
