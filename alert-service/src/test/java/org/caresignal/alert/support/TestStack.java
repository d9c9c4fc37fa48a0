package org.caresignal.alert.support;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import org.caresignal.local.stack.CareSignalStackResource;

/** Gives every test of this module the shared real Kafka broker and the {@code alert} database. */
@QuarkusTestResource(
        value = CareSignalStackResource.class,
        initArgs = @ResourceArg(name = "database", value = "alert"))
@QuarkusTestResource(SecretsKeyResource.class)
public class TestStack {}
