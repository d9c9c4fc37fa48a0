package org.caresignal.alert.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.caresignal.alert.domain.SecretCipher;
import org.caresignal.alert.domain.channel.Backoff;
import org.caresignal.alert.domain.channel.ChannelPayloads;
import org.caresignal.alert.domain.channel.ChannelType;
import org.caresignal.alert.domain.channel.Signatures;
import org.caresignal.alert.event.AlertEvent;
import org.caresignal.alert.repository.ChannelRepository;
import org.caresignal.alert.repository.DeliveryRepository;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Sends due deliveries: claims them (leased, so another instance or tick does not send them too),
 * posts outside any transaction, and records the outcome: {@code DELIVERED} on 2xx; on 5xx, 429 or
 * a network error/timeout another attempt after {@link Backoff} (honouring {@code Retry-After})
 * until {@code max-attempts}; {@code FAILED} at once on any other status. Secrets are never logged:
 * log lines and {@code last_error} name the channel id and the HTTP status only. E-mail goes
 * through {@link EmailSender} (SMTP 4xx and connection failures retried, 5xx final).
 */
@ApplicationScoped
public class DeliveryDispatcher {

    public static final String SIGNATURE_HEADER = "X-CareSignal-Signature";
    public static final String TIMESTAMP_HEADER = "X-CareSignal-Timestamp";
    public static final String DEFAULT_PAGERDUTY = "https://events.pagerduty.com/v2/enqueue";

    private static final int BATCH = 20;

    private final DeliveryRepository deliveries;
    private final ChannelRepository channels;
    private final ObjectMapper mapper;
    private final ChannelPayloads payloads;
    private final MeterRegistry registry;
    private final Backoff backoff;
    private final Duration timeout;
    private final int maxAttempts;
    private final HttpClient http;
    private final EmailSender email;
    private final ChannelSecretVault vault;
    private final Clock clock = Clock.systemUTC();

    public DeliveryDispatcher(
            DeliveryRepository deliveries,
            ChannelRepository channels,
            ObjectMapper mapper,
            MeterRegistry registry,
            @ConfigProperty(name = "caresignal.delivery.backoff-base") Duration base,
            @ConfigProperty(name = "caresignal.delivery.backoff-max") Duration max,
            @ConfigProperty(name = "caresignal.delivery.timeout") Duration timeout,
            @ConfigProperty(name = "caresignal.delivery.max-attempts") int maxAttempts,
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
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    @Scheduled(
            every = "${caresignal.delivery.interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        try {
            dispatch();
        } catch (RuntimeException e) {
            Log.warnf("Dispatching notifications failed, retrying on the next tick: %s", e);
        }
    }

    /** Sends what is due now; returns how many deliveries were attempted. */
    public synchronized int dispatch() {
        int total = 0;
        int claimed;
        do {
            var now = clock.instant();
            var lease = now.plus(timeout.multipliedBy(2)).plusSeconds(5);
            var due =
                    QuarkusTransaction.requiringNew()
                            .call(() -> deliveries.claimDue(now, lease, BATCH));
            for (var delivery : due) {
                attempt(delivery);
            }
            claimed = due.size();
            total += claimed;
        } while (claimed == BATCH);
        return total;
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
        } catch (HttpTimeoutException e) {
            outcome = new Outcome(true, "timed out after " + timeout, null);
        } catch (IOException e) {
            outcome = new Outcome(true, "network error: " + e.getClass().getSimpleName(), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
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

    private Outcome send(ChannelRepository.Channel channel, String eventJson)
            throws IOException, InterruptedException {
        var event = read(eventJson, AlertEvent.class);
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
        var request = HttpRequest.newBuilder().timeout(timeout);
        switch (channel.type()) {
            case WEBHOOK -> {
                url = secrets.get("url");
                body = eventJson;
                request.header(TIMESTAMP_HEADER, Long.toString(clock.instant().getEpochSecond()))
                        .header(SIGNATURE_HEADER, Signatures.sign(secrets.get("signingKey"), body))
                        .header("X-CareSignal-Event", event.eventType());
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
        var response =
                http.send(
                        request.uri(URI.create(url))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return new Outcome(false, null, null);
        }
        var detail = response.body() == null ? "" : response.body().strip();
        if (detail.length() > 200) {
            detail = detail.substring(0, 200);
        }
        var error = "HTTP " + status + (detail.isEmpty() ? "" : ": " + detail);
        boolean retry = status >= 500 || status == 429;
        return new Outcome(
                retry,
                error,
                retryAfter(response.headers().firstValue("Retry-After").orElse(null)));
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
