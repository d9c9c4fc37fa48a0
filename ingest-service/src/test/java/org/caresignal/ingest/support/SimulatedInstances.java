package org.caresignal.ingest.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.time.Duration;
import org.caresignal.ingest.config.IngestConfig;
import org.caresignal.ingest.config.StreamConfig;
import org.caresignal.ingest.repository.ConnectorLeaseRepository;
import org.caresignal.ingest.repository.OutboxRepository;
import org.caresignal.ingest.repository.SourceConnectorRepository;
import org.caresignal.ingest.service.ConnectorLeases;
import org.caresignal.ingest.service.SourceHealthStore;
import org.caresignal.ingest.service.SourcePoller;
import org.caresignal.ingest.service.SourcePostIntake;
import org.caresignal.ingest.service.SourceSilenceTracker;
import org.caresignal.ingest.service.StreamSupervisor;
import org.caresignal.ingest.source.SourceClient;
import org.caresignal.ingest.source.StreamSource;

/**
 * Builds the parts of further ingest instances inside one test process: each has its own lease
 * owner id and shares the database, broker and source clients with the application, as pods do.
 */
@ApplicationScoped
public class SimulatedInstances {

    private final SourceConnectorRepository connectors;
    private final SourcePostIntake intake;
    private final OutboxRepository outbox;
    private final IngestConfig config;
    private final StreamConfig streamConfig;
    private final MeterRegistry registry;
    private final ObjectMapper mapper;
    private final Instance<SourceClient> clients;
    private final Instance<StreamSource> streamSources;
    private final StreamSupervisor streams;
    private final ConnectorLeaseRepository leaseRepository;
    private final SourceSilenceTracker silences;
    private final SourceHealthStore store;

    public SimulatedInstances(
            SourceConnectorRepository connectors,
            SourcePostIntake intake,
            OutboxRepository outbox,
            IngestConfig config,
            StreamConfig streamConfig,
            MeterRegistry registry,
            ObjectMapper mapper,
            Instance<SourceClient> clients,
            Instance<StreamSource> streamSources,
            StreamSupervisor streams,
            ConnectorLeaseRepository leaseRepository,
            SourceSilenceTracker silences,
            SourceHealthStore store) {
        this.connectors = connectors;
        this.intake = intake;
        this.outbox = outbox;
        this.config = config;
        this.streamConfig = streamConfig;
        this.registry = registry;
        this.mapper = mapper;
        this.clients = clients;
        this.streamSources = streamSources;
        this.streams = streams;
        this.leaseRepository = leaseRepository;
        this.silences = silences;
        this.store = store;
    }

    /** The leases of a new instance named after {@code name}, lasting {@code duration}. */
    public ConnectorLeases leases(String name, Duration duration) {
        return new ConnectorLeases(leaseRepository, SourceFixtures.unique(name + "-"), duration);
    }

    /** A poller working only the connectors {@code leases} holds. */
    public SourcePoller poller(ConnectorLeases leases) {
        return new SourcePoller(
                connectors,
                intake,
                outbox,
                config,
                registry,
                mapper,
                clients,
                streams,
                leases,
                silences,
                store);
    }

    /** A stream supervisor running only the streams {@code leases} holds. */
    public StreamSupervisor streams(ConnectorLeases leases) {
        return new StreamSupervisor(
                connectors, intake, registry, streamConfig, streamSources, leases, store);
    }
}
