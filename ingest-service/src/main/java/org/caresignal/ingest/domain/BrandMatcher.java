package org.caresignal.ingest.domain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Decides which brands a post belongs to (their watch queries match) and, for each, which facility
 * it names (the most specific facility name or alias found in the post).
 */
public final class BrandMatcher {

    /** A brand as the matcher needs it: its id, its parsed watch query and its facilities. */
    public record BrandRule(String brandId, WatchQuery query, List<FacilityRule> facilities) {
        public BrandRule {
            facilities = List.copyOf(facilities);
        }
    }

    /** A facility and the names (name and aliases, as terms) that point at it. */
    public record FacilityRule(String facilityId, List<WatchQuery> names) {
        public FacilityRule {
            names = List.copyOf(names);
        }

        /** Builds the rule from a facility's display name and aliases. */
        public static FacilityRule of(String facilityId, String name, List<String> aliases) {
            var names = new ArrayList<WatchQuery>();
            names.add(WatchQueryParser.term(name));
            for (var alias : aliases) {
                names.add(WatchQueryParser.term(alias));
            }
            return new FacilityRule(facilityId, names);
        }
    }

    /** A post belongs to this brand, and to this facility or to none in particular (null). */
    public record BrandMatch(String brandId, String facilityId) {}

    private final List<BrandRule> brands;

    public BrandMatcher(List<BrandRule> brands) {
        this.brands = brands.stream().sorted(Comparator.comparing(BrandRule::brandId)).toList();
    }

    /** Every brand whose query matches the post, in brand id order. */
    public List<BrandMatch> match(String text) {
        var post = PostText.of(text);
        var out = new ArrayList<BrandMatch>();
        for (var brand : brands) {
            if (brand.query().matches(post)) {
                out.add(new BrandMatch(brand.brandId(), facilityOf(brand, post)));
            }
        }
        return out;
    }

    /** The match for one brand only, when its query matches the post. */
    public Optional<BrandMatch> match(String brandId, String text) {
        var post = PostText.of(text);
        return brands.stream()
                .filter(b -> b.brandId().equals(brandId) && b.query().matches(post))
                .findFirst()
                .map(b -> new BrandMatch(b.brandId(), facilityOf(b, post)));
    }

    private static String facilityOf(BrandRule brand, PostText post) {
        String best = null;
        int bestScore = 0;
        for (var facility : brand.facilities()) {
            for (var name : facility.names()) {
                // "Mercy General North" beats "Mercy General" when both appear.
                int score = name.matches(post) ? specificity(name) : 0;
                if (score > bestScore) {
                    best = facility.facilityId();
                    bestScore = score;
                }
            }
        }
        return best;
    }

    private static int specificity(WatchQuery name) {
        if (name instanceof WatchQuery.Phrase phrase) {
            return phrase.words().size();
        }
        // A facility's own hashtag or handle is as specific as a two-word name.
        return 2;
    }
}
