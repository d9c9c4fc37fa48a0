package org.caresignal.ingest.support;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import org.caresignal.local.stack.CareSignalStackResource;

/** Points every test of this module at the real Kafka broker of the shared test stack. */
@QuarkusTestResource(
        value = CareSignalStackResource.class,
        initArgs = @ResourceArg(name = "database", value = "ingest"))
@QuarkusTestResource(SecretsKeyResource.class)
public class TestStack {}
