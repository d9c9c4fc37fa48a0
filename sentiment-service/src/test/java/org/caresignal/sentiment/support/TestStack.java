package org.caresignal.sentiment.support;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import org.caresignal.local.stack.CareSignalStackResource;

/**
 * Gives every Quarkus test of this module the shared real Kafka broker and its own PostgreSQL
 * database.
 */
@QuarkusTestResource(
        value = CareSignalStackResource.class,
        initArgs = @ResourceArg(name = "database", value = "sentiment"))
public class TestStack {}
