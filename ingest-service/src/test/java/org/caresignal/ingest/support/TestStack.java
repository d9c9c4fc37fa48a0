package org.caresignal.ingest.support;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import org.caresignal.local.stack.CareSignalStackResource;

/**
 * Gives every test of this module the real Kafka broker and PostgreSQL of the shared test stack,
 * the credential key ring, the OIDC provider whose key signs {@link Tokens}, a free management port
 * for the packaged service of the {@code *IT}s, and a stand-in for sentiment-service's erasure
 * matches ({@link SentimentStub}).
 */
@QuarkusTestResource(
        value = CareSignalStackResource.class,
        initArgs = @ResourceArg(name = "database", value = "ingest"))
@QuarkusTestResource(SecretsKeyResource.class)
@QuarkusTestResource(OidcServer.class)
@QuarkusTestResource(ManagementPort.class)
@QuarkusTestResource(SentimentStub.class)
public class TestStack {}
