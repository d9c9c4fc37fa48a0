package org.caresignal.alert.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.caresignal.alert.domain.SecretCipher;
import org.caresignal.alert.domain.channel.Backoff;
import org.caresignal.alert.domain.channel.ChannelPayloads;
import org.caresignal.alert.domain.channel.ChannelType;
import org.caresignal.alert.domain.channel.Signatures;
import org.caresignal.alert.event.AlertEvent;
import org.caresignal.alert.outbound.OutboundFailure;
import org.caresignal.alert.outbound.OutboundHttp;
import org.caresignal.alert.repository.ChannelRepository;
import org.caresignal.alert.repository.DeliveryRepository;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Sends due deliveries: claims them (leased, so another instance or tick does not send them too),
 * posts outside any transaction through {@link OutboundHttp}, and records the outcome: {@code
 * DELIVERED} on 2xx; on 5xx, 429, a DNS, connection, TLS or timeout failure another attempt after
 * {@link Backoff} (honouring {@code Retry-After}) until {@code max-attempts}; {@code FAILED} at
 * once on any other status, a blocked address or an oversized reply. Channels are served in
 * parallel on a bounded pool, one delivery in flight per channel and in order, so a channel whose
 * host hangs holds only itself up to the deadline. {@code last_error} holds the failure class and
 * status only, never what the remote host sent; secrets are never logged. E-mail goes through
 * {@link EmailSender} (SMTP 4xx and connection failures retried, 5xx final).
 */
@ApplicationScoped
public class DeliveryDispatcher {

    public static final String SIGNATURE_HEADER = "X-CareSignal-Signature";
    public static final String TIMESTAMP_HEADER = "X-CareSignal-Timestamp";
    public static final String DEFAULT_PAGERDUTY = "https://events.pagerduty.com/v2/enqueue";

    private final DeliveryRepository deliveries;
    private final ChannelRepository channels;
    private final ObjectMapper mapper;
    private final ChannelPayloads payloads;
    private final MeterRegistry registry;
    private final Backoff backoff;
    private final Duration timeout;
    private final int maxAttempts;
    private final int concurrency;
    private final OutboundHttp http;
    private final OutboundHttp.Use use;
    private final EmailSender email;
    private final ChannelSecretVault vault;
    private final Clock clock = Clock.systemUTC();
    private final ExecutorService pool;

    /** Channels with a delivery in flight on this instance. */
    private final Set<UUID> busy = ConcurrentHashMap.newKeySet();

    private volatile boolean stopping;

    public DeliveryDispatcher(
            DeliveryRepository deliveries,
            ChannelRepository channels,
            ObjectMapper mapper,
            MeterRegistry registry,
            @ConfigProperty(name = "caresignal.delivery.backoff-base") Duration base,
            @ConfigProperty(name = "caresignal.delivery.backoff-max") Duration max,
            @ConfigProperty(name = "caresignal.delivery.timeout") Duration timeout,
            @ConfigProperty(name = "caresignal.delivery.max-attempts") int maxAttempts,
            @ConfigProperty(name = "caresignal.delivery.concurrency") int concurrency,
            @ConfigProperty(name = "caresignal.delivery.max-response-bytes") long maxResponseBytes,
            OutboundHttp http,
            EmailSender email,
            ChannelSecretVault vault) {
        this.email = email;
        this.vault = vault;
        this.deliveries = deliveries;
        this.channels = channels;
        this.mapper = mapper;
        this.payloads = new ChannelPayloads(mapper);
        this.registry = registry;
        this.backoff = new Backoff(base, max);
        this.timeout = timeout;
        this.maxAttempts = maxAttempts;
        this.concurrency = Math.max(1, concurrency);
        this.http = http;
        this.use = new OutboundHttp.Use("delivery", maxResponseBytes, timeout, 5);
        var threads = new AtomicInteger();
        this.pool =
                Executors.newFixedThreadPool(
                        this.concurrency,
                        r -> {
                            var t = new Thread(r, "delivery-" + threads.incrementAndGet());
                            t.setDaemon(true);
                            return t;
                        });
    }

    @PreDestroy
    void stop() {
        stopping = true;
        pool.shutdownNow();
        try {
            pool.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Scheduled(
            every = "${caresignal.delivery.interval}",
            skipExecutionIf = Scheduled.ApplicationNotRunning.class,
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        try {
            dispatch();
        } catch (RuntimeException e) {
            Log.warnf("Dispatching notifications failed, retrying on the next tick: %s", e);
        }
    }

    /**
     * Hands the earliest due delivery of each idle channel to the pool (each worker then keeps
     * sending its channel's due deliveries in order); returns how many were handed out.
     */
    public synchronized int dispatch() {
        int free = concurrency - busy.size();
        if (free <= 0 || stopping) {
            return 0;
        }
        var now = clock.instant();
        var inFlight = Set.copyOf(busy);
        var due =
                QuarkusTransaction.requiringNew()
                        .call(
                                () ->
                                        deliveries.claimFirstPerChannel(
                                                now, lease(now), free, inFlight));
        for (var delivery : due) {
            busy.add(delivery.channelId());
            try {
                pool.execute(() -> drain(delivery));
            } catch (RejectedExecutionException e) {
                busy.remove(delivery.channelId());
                // Shutting down: the lease runs out and the next start sends it.
            }
        }
        return due.size();
    }

    /** Sends the claimed delivery, then the channel's next due ones, in order, until none is. */
    private void drain(DeliveryRepository.Delivery first) {
        var channelId = first.channelId();
        try {
            var delivery = Optional.of(first);
            while (delivery.isPresent() && !stopping) {
                attempt(delivery.get());
                var now = clock.instant();
                delivery =
                        QuarkusTransaction.requiringNew()
                                .call(() -> deliveries.claimNextOf(channelId, now, lease(now)));
            }
        } catch (RuntimeException e) {
            Log.warnf("Sending to channel %s stopped, resuming on the next tick: %s", channelId, e);
        } finally {
            busy.remove(channelId);
        }
    }

    private Instant lease(Instant now) {
        return now.plus(timeout.multipliedBy(2)).plusSeconds(5);
    }

    private void attempt(DeliveryRepository.Delivery delivery) {
        var channel =
                QuarkusTransaction.requiringNew().call(() -> channels.find(delivery.channelId()));
        int attempts = delivery.attempts() + 1;
        if (channel.isEmpty() || !channel.get().enabled()) {
            record(delivery, DeliveryRepository.FAILED, attempts, "channel removed or disabled");
            return;
        }
        var c = channel.get();
        Outcome outcome;
        try {
            outcome = send(c, delivery.payload());
        } catch (SecretCipher.UnreadableSecretException e) {
            // Names the channel and key, never the value; retrying cannot help.
            outcome = new Outcome(false, e.getMessage(), null);
        } catch (RuntimeException e) {
            outcome = new Outcome(false, "cannot send: " + e.getClass().getSimpleName(), null);
        }
        registry.counter(
                        "caresignal.deliveries",
                        "type",
                        c.type().name(),
                        "outcome",
                        outcome.error() == null ? "delivered" : "failed")
                .increment();
        if (outcome.error() == null) {
            record(delivery, DeliveryRepository.DELIVERED, attempts, null);
            return;
        }
        if (outcome.retry() && attempts < maxAttempts) {
            var error = outcome.error();
            var wait =
                    backoff.delay(
                            attempts,
                            outcome.retryAfter(),
                            () -> ThreadLocalRandom.current().nextDouble());
            Log.infof(
                    "Delivery %s to channel %s (%s) attempt %d failed (%s); retrying in %s",
                    delivery.id(), c.id(), c.type(), attempts, outcome.error(), wait);
            QuarkusTransaction.requiringNew()
                    .run(
                            () ->
                                    deliveries.finish(
                                            delivery.id(),
                                            DeliveryRepository.PENDING,
                                            attempts,
                                            error,
                                            clock.instant().plus(wait),
                                            clock.instant()));
            return;
        }
        Log.warnf(
                "Delivery %s to channel %s (%s) failed after %d attempt(s): %s",
                delivery.id(), c.id(), c.type(), attempts, outcome.error());
        record(delivery, DeliveryRepository.FAILED, attempts, outcome.error());
    }

    private void record(
            DeliveryRepository.Delivery delivery, String status, int attempts, String error) {
        var now = clock.instant();
        QuarkusTransaction.requiringNew()
                .run(() -> deliveries.finish(delivery.id(), status, attempts, error, now, now));
    }

    private record Outcome(boolean retry, String error, Duration retryAfter) {}

    private Outcome send(ChannelRepository.Channel channel, String eventJson) {
        // The channel's current settings apply, also to a payload stored before they changed.
        var event = channel.disclosure().apply(read(eventJson, AlertEvent.class));
        if (channel.type() == ChannelType.EMAIL) {
            var sent = email.send(channel.id(), event);
            return new Outcome(sent.retry(), sent.error(), null);
        }
        var secrets =
                vault.open(
                        channel.id(),
                        read(channel.secrets(), new TypeReference<Map<String, String>>() {}));
        String url;
        String body;
        var headers = new LinkedHashMap<String, String>();
        switch (channel.type()) {
            case WEBHOOK -> {
                url = secrets.get("url");
                body = write(event);
                headers.put(TIMESTAMP_HEADER, Long.toString(clock.instant().getEpochSecond()));
                headers.put(SIGNATURE_HEADER, Signatures.sign(secrets.get("signingKey"), body));
                headers.put("X-CareSignal-Event", event.eventType());
            }
            case PAGERDUTY -> {
                url = channel.endpoint() == null ? DEFAULT_PAGERDUTY : channel.endpoint();
                body = payloads.pagerDuty(event, secrets.get("routingKey"));
            }
            case SLACK -> {
                url = secrets.get("url");
                body = payloads.slack(event);
            }
            case TEAMS -> {
                url = secrets.get("url");
                body = payloads.teams(event);
            }
            default -> throw new IllegalStateException("unknown channel type");
        }
        OutboundHttp.Reply reply;
        try {
            reply = http.postJson(url, headers, body, use);
        } catch (OutboundFailure failure) {
            return new Outcome(retryable(failure.kind()), failure.describe(), null);
        }
        if (reply.ok()) {
            return new Outcome(false, null, null);
        }
        int status = reply.status();
        boolean retry = status >= 500 || status == 429;
        return new Outcome(
                retry,
                new OutboundFailure(OutboundFailure.Kind.HTTP_STATUS, status).describe(),
                retryAfter(reply.retryAfter()));
    }

    /** Failures another attempt may cure: the network and the remote end, not our policy. */
    static boolean retryable(OutboundFailure.Kind kind) {
        return switch (kind) {
            case DNS, CONNECT, TLS, TIMEOUT -> true;
            case TOO_LARGE, BLOCKED_ADDRESS, MALFORMED, HTTP_STATUS -> false;
        };
    }

    /** {@code Retry-After} as seconds or an HTTP date; null when absent or unreadable. */
    static Duration retryAfter(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(value.trim())));
        } catch (NumberFormatException e) {
            try {
                var at = ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME);
                var wait = Duration.between(Instant.now(), at.toInstant());
                return wait.isNegative() ? Duration.ZERO : wait;
            } catch (java.time.format.DateTimeParseException ignored) {
                return null;
            }
        }
    }

    private String write(AlertEvent event) {
        try {
            return mapper.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the alert event", e);
        }
    }

    private <T> T read(String json, Class<T> type) {
        try {
            return mapper.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable stored JSON", e);
        }
    }

    private <T> T read(String json, TypeReference<T> type) {
        try {
            return mapper.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable stored JSON", e);
        }
    }
}
