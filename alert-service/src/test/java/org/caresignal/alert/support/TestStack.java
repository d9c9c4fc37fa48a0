package org.caresignal.alert.support;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import org.caresignal.local.stack.CareSignalStackResource;

/**
 * Gives every test of this module the shared real Kafka broker and the {@code alert} database, the
 * channel-secret key ring, and the OIDC provider ({@link OidcTestServer}).
 */
@QuarkusTestResource(
        value = CareSignalStackResource.class,
        initArgs = @ResourceArg(name = "database", value = "alert"))
@QuarkusTestResource(SecretsKeyResource.class)
@QuarkusTestResource(OidcTestServer.class)
@QuarkusTestResource(PackagedAppPorts.class)
public class TestStack {}
