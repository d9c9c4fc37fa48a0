package org.caresignal.alert.support;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import org.caresignal.local.stack.CareSignalStackResource;

/**
 * Gives every test of this module the shared real Kafka broker and the {@code alert} database, the
 * channel-secret key ring, the OIDC provider ({@link OidcTestServer}), and ingest- and
 * sentiment-service's APIs for the console ({@link ConsoleServices}).
 */
@QuarkusTestResource(
        value = CareSignalStackResource.class,
        initArgs = @ResourceArg(name = "database", value = "alert"))
@QuarkusTestResource(SecretsKeyResource.class)
@QuarkusTestResource(OidcTestServer.class)
@QuarkusTestResource(PackagedAppPorts.class)
@QuarkusTestResource(ConsoleServices.class)
public class TestStack {}
