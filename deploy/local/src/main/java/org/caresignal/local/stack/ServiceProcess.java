package org.caresignal.local.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One packaged CareSignal service (its {@code quarkus-app/quarkus-run.jar}) run as a child JVM with
 * its output in a log file, its HTTP port and its management port (health and metrics) set by
 * system properties; stopping it asks politely first, then kills it and anything it started.
 */
public final class ServiceProcess implements AutoCloseable {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final int port;
    private final int managementPort;
    private final Process process;
    private final Path log;

    private ServiceProcess(String name, int port, int managementPort, Process process, Path log) {
        this.name = name;
        this.port = port;
        this.managementPort = managementPort;
        this.process = process;
        this.log = log;
    }

    /**
     * Starts the service with its management interface on a free port.
     *
     * @param config system properties for the service (its port is added as quarkus.http.port)
     */
    public static ServiceProcess start(
            String name,
            Path quarkusRunJar,
            int port,
            Map<String, String> config,
            List<String> jvmOptions,
            Path log) {
        return start(name, quarkusRunJar, port, config, Map.of(), jvmOptions, log);
    }

    /**
     * Starts the service with extra environment variables, the place for secrets (system properties
     * show in every process listing), and its management interface on a free port.
     *
     * @param config system properties for the service (its port is added as quarkus.http.port)
     * @param environment variables added to this process's environment for the service
     */
    public static ServiceProcess start(
            String name,
            Path quarkusRunJar,
            int port,
            Map<String, String> config,
            Map<String, String> environment,
            List<String> jvmOptions,
            Path log) {
        return start(
                name,
                quarkusRunJar,
                port,
                KafkaBroker.freePort(),
                config,
                environment,
                jvmOptions,
                log);
    }

    /**
     * Starts the service.
     *
     * @param port its HTTP port (quarkus.http.port)
     * @param managementPort its management interface, health and metrics (quarkus.management.port)
     * @param config system properties for the service
     * @param environment variables added to this process's environment for the service
     */
    public static ServiceProcess start(
            String name,
            Path quarkusRunJar,
            int port,
            int managementPort,
            Map<String, String> config,
            Map<String, String> environment,
            List<String> jvmOptions,
            Path log) {
        if (!Files.isRegularFile(quarkusRunJar)) {
            throw new IllegalStateException(
                    quarkusRunJar
                            + " is missing: build the project first (./mvnw package -DskipTests)");
        }
        var java = ProcessHandle.current().info().command().orElse("java");
        var command = new ArrayList<String>();
        command.add(java);
        command.addAll(jvmOptions);
        command.add("-Dquarkus.http.port=" + port);
        command.add("-Dquarkus.management.port=" + managementPort);
        config.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.add("-jar");
        command.add(quarkusRunJar.toAbsolutePath().toString());
        try {
            Files.createDirectories(log.getParent());
            var builder =
                    new ProcessBuilder(command)
                            .redirectErrorStream(true)
                            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().putAll(environment);
            var process = builder.start();
            return new ServiceProcess(name, port, managementPort, process, log);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + name, e);
        }
    }

    public String name() {
        return name;
    }

    public int port() {
        return port;
    }

    public String baseUrl() {
        return "http://localhost:" + port;
    }

    public int managementPort() {
        return managementPort;
    }

    /** Where health ({@code /q/health}) and metrics ({@code /q/metrics}) are served. */
    public String managementUrl() {
        return "http://localhost:" + managementPort;
    }

    public Path log() {
        return log;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The JVM's process id, for benchmarks reading its CPU time. */
    public long pid() {
        return process.pid();
    }

    /**
     * Waits until {@code /q/health/ready} on the management port answers 200, failing early if the
     * process dies.
     */
    public void awaitReady(Duration timeout) {
        var deadline = System.nanoTime() + timeout.toNanos();
        var request =
                HttpRequest.newBuilder(URI.create(managementUrl() + "/q/health/ready"))
                        .timeout(Duration.ofSeconds(2))
                        .build();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        name + " exited with code " + process.exitValue() + "; see " + log);
            }
            try {
                if (HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode()
                        == 200) {
                    return;
                }
            } catch (IOException e) {
                // Not listening yet.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + name, e);
            }
            try {
                process.waitFor(500, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + name, e);
            }
        }
        throw new IllegalStateException(name + " not ready after " + timeout + "; see " + log);
    }

    /**
     * Kills the service outright (SIGKILL: no shutdown hook, no graceful stop), as a crash or an
     * OOM-kill would, and returns its exit code.
     */
    public int kill() {
        process.destroyForcibly();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException(name + " did not die");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while killing " + name, e);
        }
        return process.exitValue();
    }

    @Override
    public void close() {
        var descendants = process.descendants().toList();
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        descendants.forEach(ProcessHandle::destroyForcibly);
    }
}
