package org.caresignal.alert.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import org.caresignal.alert.domain.InvalidWindowException;
import org.caresignal.alert.domain.channel.ChannelType;
import org.caresignal.alert.domain.channel.EmailSettings;
import org.caresignal.alert.outbound.OutboundHttp;
import org.caresignal.alert.repository.ChannelRepository;
import org.caresignal.alert.repository.ChannelRepository.Channel;
import org.caresignal.alert.repository.EmailChannelRepository;
import org.caresignal.alert.security.CurrentActor;
import org.caresignal.alert.security.Roles;
import org.caresignal.alert.service.AuditLog;
import org.caresignal.alert.service.ChannelSecretVault;
import org.caresignal.alert.service.DeliveryDispatcher;
import org.caresignal.alert.service.EmailSender;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * CRUD of notification channels (admin); secrets are write-only and follow their destination (a new
 * host or endpoint without its secret sent again is refused); URLs must pass the outbound policy;
 * every change is audited.
 */
@Path("/api/channels")
public class ChannelResource {

    private final ChannelRepository channels;
    private final EmailChannelRepository emails;
    private final ObjectMapper mapper;
    private final ChannelSecretVault vault;
    private final AuditLog audit;
    private final CurrentActor actor;
    private final OutboundHttp http;
    private final EmailSender email;
    private final Optional<String> from;

    public ChannelResource(
            ChannelRepository channels,
            EmailChannelRepository emails,
            ObjectMapper mapper,
            ChannelSecretVault vault,
            AuditLog audit,
            CurrentActor actor,
            OutboundHttp http,
            EmailSender email,
            @ConfigProperty(name = "quarkus.mailer.from") Optional<String> from) {
        this.channels = channels;
        this.emails = emails;
        this.mapper = mapper;
        this.vault = vault;
        this.audit = audit;
        this.actor = actor;
        this.http = http;
        this.email = email;
        this.from = from;
    }

    @GET
    @RolesAllowed(Roles.ADMIN)
    @Transactional
    public List<ChannelResponse> list() {
        return channels.all().stream().map(this::view).toList();
    }

    @GET
    @Path("/{id}")
    @RolesAllowed(Roles.ADMIN)
    @Transactional
    public ChannelResponse get(@PathParam("id") UUID id) {
        return view(channels.find(id).orElseThrow(NotFoundException::new));
    }

    @POST
    @RolesAllowed(Roles.ADMIN)
    @Transactional
    public Response create(ChannelRequest body) {
        if (body == null) {
            throw new InvalidWindowException("body", "must not be empty");
        }
        var type = type(body.type());
        var secrets = secrets(type, Map.of(), body.secrets());
        var email = emailSettings(type, body.email(), true);
        var now = Instant.now();
        var id = UUID.randomUUID();
        var channel =
                new Channel(
                        id,
                        name(body.name()),
                        type,
                        body.enabled() == null || body.enabled(),
                        endpoint(type, body.endpoint()),
                        write(vault.seal(id, secrets)),
                        now,
                        now,
                        Boolean.TRUE.equals(body.allowPostLinks()),
                        Boolean.TRUE.equals(body.includeExcerpt()));
        channels.insert(channel);
        if (email != null) {
            emails.save(channel.id(), email);
        }
        audit.change(
                actor.get(),
                "channel.create",
                id.toString(),
                type
                        + " channel \""
                        + channel.name()
                        + "\""
                        + (channel.allowPostLinks() || channel.includeExcerpt()
                                ? disclosure(channel.allowPostLinks(), channel.includeExcerpt())
                                : ""));
        return Response.created(URI.create("/api/channels/" + channel.id()))
                .entity(view(channel))
                .build();
    }

    @PUT
    @Path("/{id}")
    @RolesAllowed(Roles.ADMIN)
    @Transactional
    public ChannelResponse update(@PathParam("id") UUID id, ChannelRequest body) {
        if (body == null) {
            throw new InvalidWindowException("body", "must not be empty");
        }
        var old = channels.find(id).orElseThrow(NotFoundException::new);
        if (body.type() != null && !body.type().equalsIgnoreCase(old.type().name())) {
            throw new InvalidWindowException("type", "cannot be changed; create a new channel");
        }
        // Secrets left out keep their value: open only those to merge (so that sending a secret
        // again replaces one that can no longer be read), then seal all anew.
        var kept = readSecrets(old.secrets());
        if (body.secrets() != null) {
            kept.keySet().removeAll(body.secrets().keySet());
        }
        var stored = vault.open(id, kept);
        var secrets = secrets(old.type(), stored, body.secrets());
        var email = emailSettings(old.type(), body.email(), false);
        var endpoint =
                body.endpoint() == null ? old.endpoint() : endpoint(old.type(), body.endpoint());
        followsDestination(old, endpoint, body.secrets());
        var channel =
                new Channel(
                        id,
                        body.name() == null ? old.name() : name(body.name()),
                        old.type(),
                        body.enabled() == null ? old.enabled() : body.enabled(),
                        endpoint,
                        write(vault.seal(id, secrets)),
                        old.createdAt(),
                        Instant.now(),
                        body.allowPostLinks() == null
                                ? old.allowPostLinks()
                                : body.allowPostLinks(),
                        body.includeExcerpt() == null
                                ? old.includeExcerpt()
                                : body.includeExcerpt());
        channels.update(channel);
        if (email != null) {
            emails.save(id, email);
        }
        audit.change(
                actor.get(),
                "channel.update",
                id.toString(),
                changed(body)
                        + (body.allowPostLinks() != null || body.includeExcerpt() != null
                                ? disclosure(channel.allowPostLinks(), channel.includeExcerpt())
                                : ""));
        return view(channel);
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed(Roles.ADMIN)
    @Transactional
    public Response delete(@PathParam("id") UUID id) {
        if (!channels.delete(id)) {
            throw new NotFoundException();
        }
        audit.change(actor.get(), "channel.delete", id.toString(), null);
        return Response.noContent().build();
    }

    /**
     * A secret goes only where it was configured to go: moving a PagerDuty channel to another
     * endpoint host needs its routing key again, moving a webhook to another host its signing key
     * (a Slack or Teams URL is itself the secret, so it is always sent whole).
     */
    private void followsDestination(Channel old, String endpoint, Map<String, String> given) {
        var sent = given == null ? Map.<String, String>of() : given;
        switch (old.type()) {
            case PAGERDUTY -> {
                if (!sameOrigin(pagerDuty(old.endpoint()), pagerDuty(endpoint))
                        && !sent.containsKey("routingKey")) {
                    throw new InvalidWindowException(
                            "secrets.routingKey",
                            "must be sent again when the endpoint's host changes");
                }
            }
            case WEBHOOK -> {
                if (sent.containsKey("url") && !sent.containsKey("signingKey")) {
                    var sealed = readSecrets(old.secrets()).get("url");
                    var oldUrl =
                            sealed == null
                                    ? null
                                    : vault.open(old.id(), Map.of("url", sealed)).get("url");
                    if (!sameOrigin(oldUrl, sent.get("url"))) {
                        throw new InvalidWindowException(
                                "secrets.signingKey",
                                "must be sent again when the URL's host changes");
                    }
                }
            }
            default -> {}
        }
    }

    private static String pagerDuty(String endpoint) {
        return endpoint == null ? DeliveryDispatcher.DEFAULT_PAGERDUTY : endpoint;
    }

    /** Same scheme, host and port (default ports filled in). */
    static boolean sameOrigin(String a, String b) {
        if (a == null || b == null) {
            return false;
        }
        var x = okhttp3.HttpUrl.parse(a.strip());
        var y = okhttp3.HttpUrl.parse(b.strip());
        return x != null
                && y != null
                && x.scheme().equals(y.scheme())
                && x.host().equals(y.host())
                && x.port() == y.port();
    }

    /** Which fields an update sent (secret names only, never their values). */
    private static String changed(ChannelRequest body) {
        var fields = new java.util.ArrayList<String>();
        if (body.name() != null) {
            fields.add("name");
        }
        if (body.enabled() != null) {
            fields.add("enabled");
        }
        if (body.endpoint() != null) {
            fields.add("endpoint");
        }
        if (body.email() != null) {
            fields.add("email");
        }
        if (body.allowPostLinks() != null) {
            fields.add("allowPostLinks");
        }
        if (body.includeExcerpt() != null) {
            fields.add("includeExcerpt");
        }
        if (body.secrets() != null) {
            body.secrets().keySet().stream().sorted().forEach(k -> fields.add("secrets." + k));
        }
        return fields.isEmpty() ? "nothing changed" : "changed " + String.join(", ", fields);
    }

    /**
     * What the channel may now carry, for the audit row of a create that opts in or an update that
     * sends either setting.
     */
    private static String disclosure(boolean links, boolean excerpts) {
        return "; post links "
                + (links ? "allowed" : "off")
                + ", excerpts "
                + (excerpts ? "on" : "off");
    }

    private ChannelResponse view(Channel c) {
        return new ChannelResponse(
                c.id(),
                c.name(),
                c.type().name(),
                c.enabled(),
                c.endpoint(),
                List.copyOf(readSecrets(c.secrets()).keySet()),
                c.createdAt(),
                c.updatedAt(),
                c.type() == ChannelType.EMAIL
                        ? emails.find(c.id())
                                .map(e -> EmailChannelSettings.from(e, from.orElse(null)))
                                .orElse(null)
                        : null,
                c.allowPostLinks(),
                c.includeExcerpt());
    }

    /**
     * An EMAIL channel's settings, checked (recipients in the server's allowed domains; From is the
     * server's, so only that value or none may be sent); required on create, replaced whole on
     * update.
     */
    private EmailSettings emailSettings(
            ChannelType type, EmailChannelSettings given, boolean required) {
        if (type != ChannelType.EMAIL) {
            if (given != null) {
                throw new InvalidWindowException("email", "only an EMAIL channel has settings");
            }
            return null;
        }
        if (given == null) {
            if (required) {
                throw new InvalidWindowException("email.to", "must list at least one recipient");
            }
            return null;
        }
        if (given.from() != null
                && !given.from().isBlank()
                && !given.from().strip().equalsIgnoreCase(from.orElse(""))) {
            throw new InvalidWindowException(
                    "email.from", "is the server's (ALERT_SMTP_FROM) and cannot be set");
        }
        try {
            return EmailSettings.of(given.to(), given.subjectPrefix(), email.allowedDomains());
        } catch (EmailSettings.InvalidSettingException e) {
            throw new InvalidWindowException(e.field(), e.getMessage());
        }
    }

    private static ChannelType type(String value) {
        try {
            return ChannelType.valueOf(value == null ? "" : value.trim().toUpperCase());
        } catch (IllegalArgumentException e) {
            throw new InvalidWindowException(
                    "type", "must be one of " + Arrays.toString(ChannelType.values()));
        }
    }

    private static String name(String name) {
        if (name == null || name.isBlank() || name.length() > 200) {
            throw new InvalidWindowException("name", "must be 1 to 200 characters");
        }
        return name.strip();
    }

    private String endpoint(ChannelType type, String endpoint) {
        if (endpoint == null) {
            return null;
        }
        if (type != ChannelType.PAGERDUTY) {
            throw new InvalidWindowException(
                    "endpoint", "only a PAGERDUTY channel has a (non-secret) endpoint");
        }
        return httpUrl("endpoint", endpoint);
    }

    /** An http(s) URL the outbound policy can reach (the connect-time check is the real guard). */
    private String httpUrl(String field, String value) {
        var problem = http.problemWith(value);
        if (problem.isPresent()) {
            throw new InvalidWindowException(field, problem.get());
        }
        return URI.create(value.strip()).toString();
    }

    private Map<String, String> secrets(
            ChannelType type, Map<String, String> stored, Map<String, String> given) {
        var merged = new TreeMap<>(stored);
        if (given != null) {
            for (var entry : given.entrySet()) {
                if (!type.secrets().contains(entry.getKey())) {
                    throw new InvalidWindowException(
                            "secrets." + entry.getKey(),
                            "unknown; a " + type + " channel takes " + type.secrets());
                }
                var value = entry.getValue();
                if (value == null || value.isBlank()) {
                    throw new InvalidWindowException(
                            "secrets." + entry.getKey(), "must not be blank");
                }
                merged.put(
                        entry.getKey(),
                        "url".equals(entry.getKey())
                                ? httpUrl("secrets.url", value)
                                : value.trim());
            }
        }
        for (var name : type.secrets()) {
            if (!merged.containsKey(name)) {
                throw new InvalidWindowException("secrets." + name, "is required");
            }
        }
        return merged;
    }

    private Map<String, String> readSecrets(String json) {
        try {
            return new TreeMap<>(
                    mapper.readValue(json, new TypeReference<Map<String, String>>() {}));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable stored secrets", e);
        }
    }

    private String write(Map<String, String> secrets) {
        try {
            return mapper.writeValueAsString(secrets);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write secrets", e);
        }
    }
}
