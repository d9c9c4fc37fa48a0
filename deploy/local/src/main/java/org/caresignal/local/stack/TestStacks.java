package org.caresignal.local.stack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.Logger;
import org.testcontainers.DockerClientFactory;

/**
 * Picks the stack for this test JVM and shares it between all tests in it: Testcontainers when a
 * Docker engine answers, the embedded stack otherwise; {@code -Dcaresignal.stack=embedded} or
 * {@code =testcontainers} forces the choice.
 */
public final class TestStacks {

    public static final String PROPERTY = "caresignal.stack";

    private static final Logger LOG = Logger.getLogger(TestStacks.class.getName());
    private static TestStack shared;

    private TestStacks() {}

    /** The stack of this JVM, started on first use and stopped when the JVM exits. */
    public static synchronized TestStack shared() {
        if (shared == null) {
            var choice = System.getProperty(PROPERTY, "auto");
            var stack =
                    switch (choice) {
                        case "embedded" -> new EmbeddedTestStack();
                        case "testcontainers" -> new ContainerTestStack();
                        case "auto", "" ->
                                dockerAvailable()
                                        ? new ContainerTestStack()
                                        : new EmbeddedTestStack();
                        default ->
                                throw new IllegalArgumentException(
                                        PROPERTY
                                                + " must be auto, embedded or testcontainers, not "
                                                + choice);
                    };
            LOG.info(
                    () ->
                            "CareSignal test stack ("
                                    + PROPERTY
                                    + "="
                                    + choice
                                    + "): "
                                    + stack.description());
            Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "caresignal-stack-stop"));
            shared = stack;
        }
        return shared;
    }

    private static boolean dockerAvailable() {
        // Asking Testcontainers costs seconds of retries when nothing listens, so look for a socket
        // first.
        var host = System.getenv("DOCKER_HOST");
        if ((host == null || host.isBlank()) && !Files.exists(Path.of("/var/run/docker.sock"))) {
            return false;
        }
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException e) {
            return false;
        }
    }
}
