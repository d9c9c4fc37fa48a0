package org.caresignal.sentiment.support;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import org.caresignal.local.stack.CareSignalStackResource;

/**
 * Gives every Quarkus test of this module the shared real Kafka broker, its own PostgreSQL database
 * and an OIDC provider whose tokens {@link Tokens} signs.
 */
@QuarkusTestResource(
        value = CareSignalStackResource.class,
        initArgs = @ResourceArg(name = "database", value = "sentiment"))
@QuarkusTestResource(OidcTestServer.class)
public class TestStack {}
