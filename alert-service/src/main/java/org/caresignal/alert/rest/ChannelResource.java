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
import java.util.TreeMap;
import java.util.UUID;
import org.caresignal.alert.domain.InvalidWindowException;
import org.caresignal.alert.domain.channel.ChannelType;
import org.caresignal.alert.domain.channel.EmailSettings;
import org.caresignal.alert.repository.ChannelRepository;
import org.caresignal.alert.repository.ChannelRepository.Channel;
import org.caresignal.alert.repository.EmailChannelRepository;
import org.caresignal.alert.security.CurrentActor;
import org.caresignal.alert.security.Roles;
import org.caresignal.alert.service.AuditLog;
import org.caresignal.alert.service.ChannelSecretVault;

/** CRUD of notification channels (admin); secrets are write-only; every change is audited. */
@Path("/api/channels")
public class ChannelResource {

    private final ChannelRepository channels;
    private final EmailChannelRepository emails;
    private final ObjectMapper mapper;
    private final ChannelSecretVault vault;
    private final AuditLog audit;
    private final CurrentActor actor;

    public ChannelResource(
            ChannelRepository channels,
            EmailChannelRepository emails,
            ObjectMapper mapper,
            ChannelSecretVault vault,
            AuditLog audit,
            CurrentActor actor) {
        this.channels = channels;
        this.emails = emails;
        this.mapper = mapper;
        this.vault = vault;
        this.audit = audit;
        this.actor = actor;
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
        var email = email(type, body.email(), true);
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
                        now);
        channels.insert(channel);
        if (email != null) {
            emails.save(channel.id(), email);
        }
        audit.change(
                actor.get(),
                "channel.create",
                id.toString(),
                type + " channel \"" + channel.name() + "\"");
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
        var email = email(old.type(), body.email(), false);
        var channel =
                new Channel(
                        id,
                        body.name() == null ? old.name() : name(body.name()),
                        old.type(),
                        body.enabled() == null ? old.enabled() : body.enabled(),
                        body.endpoint() == null
                                ? old.endpoint()
                                : endpoint(old.type(), body.endpoint()),
                        write(vault.seal(id, secrets)),
                        old.createdAt(),
                        Instant.now());
        channels.update(channel);
        if (email != null) {
            emails.save(id, email);
        }
        audit.change(actor.get(), "channel.update", id.toString(), changed(body));
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
        if (body.secrets() != null) {
            body.secrets().keySet().stream().sorted().forEach(k -> fields.add("secrets." + k));
        }
        return fields.isEmpty() ? "nothing changed" : "changed " + String.join(", ", fields);
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
                        ? emails.find(c.id()).map(EmailChannelSettings::from).orElse(null)
                        : null);
    }

    /** An EMAIL channel's settings, checked; required on create, replaced whole on update. */
    private static EmailSettings email(
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
        try {
            return EmailSettings.of(given.to(), given.from(), given.subjectPrefix());
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

    private static String endpoint(ChannelType type, String endpoint) {
        if (endpoint == null) {
            return null;
        }
        if (type != ChannelType.PAGERDUTY) {
            throw new InvalidWindowException(
                    "endpoint", "only a PAGERDUTY channel has a (non-secret) endpoint");
        }
        return httpUrl("endpoint", endpoint);
    }

    private static String httpUrl(String field, String value) {
        try {
            var uri = URI.create(value.trim());
            if (("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))
                    && uri.getHost() != null) {
                return uri.toString();
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw new InvalidWindowException(field, "must be an http(s) URL");
    }

    private static Map<String, String> secrets(
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
