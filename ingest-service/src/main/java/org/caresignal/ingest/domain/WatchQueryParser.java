package org.caresignal.ingest.domain;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses the watch query language: terms, {@code "quoted phrases"}, {@code #hashtags}, {@code
 * @handles}, {@code AND}, {@code OR}, {@code NOT} and parentheses; terms side by side mean AND. A
 * syntax error raises {@link WatchQuerySyntaxException} with the 1-based position.
 */
public final class WatchQueryParser {

    /** Longest query accepted, so a pasted document is refused rather than evaluated per post. */
    public static final int MAX_LENGTH = 2000;

    private enum Kind {
        LPAREN,
        RPAREN,
        AND,
        OR,
        NOT,
        PHRASE,
        WORD,
        HASHTAG,
        HANDLE,
        END
    }

    private record Token(Kind kind, String text, int position) {
        String describe() {
            return switch (kind) {
                case END -> "the end of the query";
                case PHRASE -> "\"" + text + "\"";
                default -> "'" + text + "'";
            };
        }
    }

    private final List<Token> tokens;
    private int next;

    private WatchQueryParser(List<Token> tokens) {
        this.tokens = tokens;
    }

    /** Parses a whole query. */
    public static WatchQuery parse(String query) {
        if (query == null || query.isBlank()) {
            throw new WatchQuerySyntaxException("the query is empty", 1);
        }
        if (query.length() > MAX_LENGTH) {
            throw new WatchQuerySyntaxException(
                    "the query is longer than " + MAX_LENGTH + " characters", MAX_LENGTH + 1);
        }
        var parser = new WatchQueryParser(lex(query));
        var result = parser.or();
        var end = parser.peek();
        if (end.kind() == Kind.RPAREN) {
            throw new WatchQuerySyntaxException("unexpected ')'", end.position());
        }
        if (end.kind() != Kind.END) {
            throw new WatchQuerySyntaxException("unexpected " + end.describe(), end.position());
        }
        // Only negations would match almost every post on the network.
        if (result.matches(PostText.of(""))) {
            throw new WatchQuerySyntaxException(
                    "the query matches posts that contain none of its terms; add a term that is"
                            + " not negated",
                    1);
        }
        return result;
    }

    /**
     * Reads one facility name or alias as a single term: {@code #tag}, {@code @handle} or a phrase
     * (no operators, no quotes needed).
     */
    public static WatchQuery term(String alias) {
        var trimmed = alias.strip();
        if (trimmed.startsWith("#") && PostText.isTagName(trimmed.substring(1))) {
            return new WatchQuery.Hashtag(
                    PostText.fold(trimmed.substring(1)).replace("_", ""), trimmed);
        }
        if (trimmed.startsWith("@") && PostText.isHandleName(trimmed.substring(1))) {
            return new WatchQuery.Handle(PostText.fold(trimmed.substring(1)), trimmed);
        }
        var words = PostText.wordsOf(trimmed);
        if (words.isEmpty()) {
            throw new WatchQuerySyntaxException("the name has no letters or digits", 1);
        }
        return new WatchQuery.Phrase(words, "\"" + trimmed.replace("\"", "") + "\"");
    }

    private WatchQuery or() {
        var left = and();
        while (peek().kind() == Kind.OR) {
            next++;
            left = new WatchQuery.Or(left, and());
        }
        return left;
    }

    private WatchQuery and() {
        var left = unary();
        while (true) {
            var kind = peek().kind();
            if (kind == Kind.AND) {
                next++;
                left = new WatchQuery.And(left, unary());
            } else if (startsUnary(kind)) {
                left = new WatchQuery.And(left, unary());
            } else {
                return left;
            }
        }
    }

    private static boolean startsUnary(Kind kind) {
        return switch (kind) {
            case NOT, LPAREN, PHRASE, WORD, HASHTAG, HANDLE -> true;
            default -> false;
        };
    }

    private WatchQuery unary() {
        if (peek().kind() == Kind.NOT) {
            next++;
            return new WatchQuery.Not(unary());
        }
        return primary();
    }

    private WatchQuery primary() {
        var token = tokens.get(next++);
        return switch (token.kind()) {
            case LPAREN -> {
                var inner = or();
                var close = peek();
                if (close.kind() != Kind.RPAREN) {
                    throw new WatchQuerySyntaxException(
                            "expected ')' to close the '(' at position "
                                    + token.position()
                                    + " but found "
                                    + close.describe(),
                            close.position());
                }
                next++;
                yield inner;
            }
            case PHRASE, WORD -> {
                var words = PostText.wordsOf(token.text());
                if (words.isEmpty()) {
                    throw new WatchQuerySyntaxException(
                            token.kind() == Kind.PHRASE
                                    ? "the phrase has no letters or digits"
                                    : "the term " + token.describe() + " has no letters or digits",
                            token.position());
                }
                yield new WatchQuery.Phrase(
                        words,
                        token.kind() == Kind.PHRASE ? "\"" + token.text() + "\"" : token.text());
            }
            case HASHTAG -> {
                var name = token.text().substring(1);
                if (!PostText.isTagName(name)) {
                    throw new WatchQuerySyntaxException(
                            "a hashtag is '#' followed by letters, digits or '_'",
                            token.position());
                }
                yield new WatchQuery.Hashtag(PostText.fold(name).replace("_", ""), token.text());
            }
            case HANDLE -> {
                var name = token.text().substring(1);
                if (!PostText.isHandleName(name)) {
                    throw new WatchQuerySyntaxException(
                            "a handle is '@' followed by letters, digits, '_', '.', '-' or '@'",
                            token.position());
                }
                yield new WatchQuery.Handle(PostText.fold(name), token.text());
            }
            default ->
                    throw new WatchQuerySyntaxException(
                            "expected a term, a \"phrase\", a #hashtag, an @handle or '(' but found "
                                    + token.describe(),
                            token.position());
        };
    }

    private Token peek() {
        return tokens.get(next);
    }

    private static List<Token> lex(String query) {
        var tokens = new ArrayList<Token>();
        int i = 0;
        int n = query.length();
        while (i < n) {
            char c = query.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '(') {
                tokens.add(new Token(Kind.LPAREN, "(", i + 1));
                i++;
            } else if (c == ')') {
                tokens.add(new Token(Kind.RPAREN, ")", i + 1));
                i++;
            } else if (c == '"' || c == '\u201c' || c == '\u201d') {
                int close = closingQuote(query, i + 1);
                if (close < 0) {
                    throw new WatchQuerySyntaxException(
                            "the phrase opened here has no closing '\"'", i + 1);
                }
                tokens.add(new Token(Kind.PHRASE, query.substring(i + 1, close), i + 1));
                i = close + 1;
            } else {
                int start = i;
                while (i < n && !endsWord(query.charAt(i))) {
                    i++;
                }
                var text = query.substring(start, i);
                var kind =
                        switch (text) {
                            case "AND" -> Kind.AND;
                            case "OR" -> Kind.OR;
                            case "NOT" -> Kind.NOT;
                            default ->
                                    text.startsWith("#")
                                            ? Kind.HASHTAG
                                            : text.startsWith("@") ? Kind.HANDLE : Kind.WORD;
                        };
                tokens.add(new Token(kind, text, start + 1));
            }
        }
        tokens.add(new Token(Kind.END, "", n + 1));
        return tokens;
    }

    private static int closingQuote(String query, int from) {
        for (int i = from; i < query.length(); i++) {
            char c = query.charAt(i);
            if (c == '"' || c == '\u201c' || c == '\u201d') {
                return i;
            }
        }
        return -1;
    }

    private static boolean endsWord(char c) {
        return Character.isWhitespace(c) || c == '(' || c == ')' || c == '"';
    }
}
