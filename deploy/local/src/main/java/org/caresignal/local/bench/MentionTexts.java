package org.caresignal.local.bench;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Distinct posts about the demo health system (Riverside Health, its North and South hospitals),
 * made from templates of what patients, visitors and local news write (waits, staff, billing,
 * parking, discharge, food, events), each slot varied (place, department, numbers, time, closing),
 * so that no two posts of a run share a text and the scorer's cache never answers for the pipeline.
 */
public final class MentionTexts {

    /** A post ready for the webhook: where it is about and what it says. */
    public record Post(String facilityId, String text) {}

    /** A way a post names the health system or one of its hospitals. */
    record Place(String facilityId, String name) {}

    static final List<Place> PLACES =
            List.of(
                    new Place("riverside-north", "Riverside North"),
                    new Place("riverside-north", "Riverside North Medical Center"),
                    new Place("riverside-north", "RNMC"),
                    new Place("riverside-south", "Riverside South"),
                    new Place("riverside-south", "Riverside South Hospital"),
                    new Place(null, "Riverside Health"),
                    new Place(null, "#RiversideHealth"),
                    new Place(null, "@RiversideHealth"));

    private static final String[] DEPARTMENTS = {
        "ER",
        "maternity ward",
        "cardiology clinic",
        "pediatrics floor",
        "radiology department",
        "oncology center",
        "urgent care",
        "ICU",
        "orthopedics clinic",
        "lab",
        "pharmacy",
        "physical therapy gym",
        "surgical unit",
        "neurology clinic",
        "dialysis center"
    };

    private static final String[] WHEN = {
        "last night",
        "this morning",
        "yesterday",
        "on Sunday",
        "over the weekend",
        "today",
        "on Tuesday evening",
        "at 3am",
        "during my lunch break",
        "last week"
    };

    private static final String[] STAFF = {
        "nurse",
        "doctor",
        "front desk team",
        "night shift",
        "PA",
        "charge nurse",
        "tech",
        "social worker",
        "resident",
        "volunteer"
    };

    private static final String[] TEMPLATES = {
        "Waited {n} hours in the {place} {dept} {when}. Staff were kind but clearly overwhelmed.",
        "{n} hours in the waiting room at {place} {when} and nobody could tell us anything. {close}",
        "Huge thanks to the {staff} in the {dept} at {place}, they got my dad through a rough"
                + " {n} days. {close}",
        "The {staff} at {place} {dept} explained everything twice and never made me feel rushed."
                + " Grateful.",
        "Got a bill from {place} for ${money} for a {n} minute visit to the {dept}. Insurance"
                + " says it was coded wrong. {close}",
        "Parking at {place} is a nightmare, circled for {n} minutes before my {dept} appointment"
                + " {when}.",
        "Discharge at {place} took {n} hours. Doctor signed off in the morning, we left at"
                + " dinnertime. Why.",
        "{place} is hosting a free flu shot clinic next to the {dept} this Saturday from {n} to"
                + " {m}.",
        "Road work near the {place} entrance will close one lane for {n} weeks, visitors to the"
                + " {dept} should use the east doors.",
        "On hold with {place} scheduling for {n} minutes {when}. {close}",
        "Had my baby at {place} {when} and the {staff} was amazing, {n} stars isn't enough.",
        "The food at {place} actually wasn't bad? Room {room} got soup that tasted like soup.",
        "Called the {place} {dept} {n} times about my results, still no callback. {close}",
        "Shoutout to the {staff} at {place} who stayed {n} minutes past shift to sit with my mom"
                + " in the {dept}.",
        "{place} announced {n} new beds for the {dept}, opening next spring according to the"
                + " board.",
        "Why does {place} still not have working wifi in the {dept}? Sat in room {room} for {n}"
                + " hours with nothing.",
        "My appointment at the {place} {dept} started on time {when}. Quick, friendly, done in"
                + " {n} minutes.",
        "The {dept} at {place} lost my paperwork again, that's {n} times now. {close}",
        "Visiting hours at {place} changed {when}, the {dept} now closes to visitors at {m}pm.",
        "Rude {staff} at {place} {dept} {when}, rolled their eyes when I asked about the {n}"
                + " hour wait.",
        "{place} {dept} saved my life {n} years ago and they were just as good with my son"
                + " {when}.",
        "Ambulance diverted from {place} {when}, the {dept} was full, we drove {n} more miles.",
        "Clean rooms, quiet halls, {staff} who listen. Room {room} at {place} was fine for my"
                + " {n} night stay.",
        "Anyone know if the {place} {dept} takes walk-ins after {m}pm? Been waiting {n} minutes"
                + " outside."
    };

    private static final String[] CLOSINGS = {
        "Not impressed.", "Do better.", "Thank you all.", "Unbelievable.", "Still waiting.",
        "So frustrating.", "Really grateful.", "Never again.", "Will update.", "Just wow."
    };

    private final Random random;
    private final Set<String> seen = new HashSet<>();

    public MentionTexts(long seed) {
        this.random = new Random(seed);
    }

    /** The next {@code count} posts, none with a text given before by this generator. */
    public List<Post> next(int count) {
        var posts = new ArrayList<Post>(count);
        int misses = 0;
        while (posts.size() < count) {
            var post = one();
            if (seen.add(post.text())) {
                posts.add(post);
                misses = 0;
            } else if (++misses > 10_000) {
                throw new IllegalStateException("the templates ran out of distinct texts");
            }
        }
        return posts;
    }

    private Post one() {
        var place = PLACES.get(random.nextInt(PLACES.size()));
        var template = TEMPLATES[random.nextInt(TEMPLATES.length)];
        var text =
                template.replace("{place}", place.name())
                        .replace("{dept}", pick(DEPARTMENTS))
                        .replace("{when}", pick(WHEN))
                        .replace("{staff}", pick(STAFF))
                        .replace("{close}", pick(CLOSINGS))
                        .replace("{n}", String.valueOf(2 + random.nextInt(58)))
                        .replace("{m}", String.valueOf(5 + random.nextInt(6)))
                        .replace("{room}", String.valueOf(100 + random.nextInt(500)))
                        .replace(
                                "{money}",
                                String.format(
                                        java.util.Locale.US, "%,d", 150 + random.nextInt(9000)));
        return new Post(place.facilityId(), text);
    }

    private String pick(String[] options) {
        return options[random.nextInt(options.length)];
    }
}
