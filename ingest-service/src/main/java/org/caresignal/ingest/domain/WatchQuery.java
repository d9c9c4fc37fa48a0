package org.caresignal.ingest.domain;

import java.util.List;

/**
 * A parsed watch query: a boolean tree of terms that {@link WatchQueryParser} builds from text and
 * that decides, against a post's {@link PostText}, whether the post is about a brand.
 */
public sealed interface WatchQuery {

    /** Whether the post satisfies this query. */
    boolean matches(PostText text);

    /** The query written back in the language's canonical form. */
    String render();

    /** Words that must appear in this order, next to each other (a word is a one-word phrase). */
    record Phrase(List<String> words, String original) implements WatchQuery {
        public Phrase {
            words = List.copyOf(words);
        }

        @Override
        public boolean matches(PostText text) {
            return text.containsPhrase(words);
        }

        @Override
        public String render() {
            return original;
        }
    }

    /** A hashtag, written {@code #Name} and matched without regard to case or accents. */
    record Hashtag(String tag, String original) implements WatchQuery {
        @Override
        public boolean matches(PostText text) {
            return text.containsHashtag(tag);
        }

        @Override
        public String render() {
            return original;
        }
    }

    /**
     * An account handle, written {@code @name} (or {@code @name@instance},
     * {@code @name.bsky.social}).
     */
    record Handle(String handle, String original) implements WatchQuery {
        @Override
        public boolean matches(PostText text) {
            return text.containsHandle(handle);
        }

        @Override
        public String render() {
            return original;
        }
    }

    /** Both sides match. */
    record And(WatchQuery left, WatchQuery right) implements WatchQuery {
        @Override
        public boolean matches(PostText text) {
            return left.matches(text) && right.matches(text);
        }

        @Override
        public String render() {
            return "(" + left.render() + " AND " + right.render() + ")";
        }
    }

    /** Either side matches. */
    record Or(WatchQuery left, WatchQuery right) implements WatchQuery {
        @Override
        public boolean matches(PostText text) {
            return left.matches(text) || right.matches(text);
        }

        @Override
        public String render() {
            return "(" + left.render() + " OR " + right.render() + ")";
        }
    }

    /** The inner query does not match. */
    record Not(WatchQuery inner) implements WatchQuery {
        @Override
        public boolean matches(PostText text) {
            return !inner.matches(text);
        }

        @Override
        public String render() {
            return "NOT " + inner.render();
        }
    }
}
