package org.caresignal.ingest.domain;

/** A watch query that does not parse; carries the 1-based character position of the problem. */
public class WatchQuerySyntaxException extends RuntimeException {

    private final int position;
    private final String problem;

    public WatchQuerySyntaxException(String problem, int position) {
        super(problem + " at position " + position);
        this.problem = problem;
        this.position = position;
    }

    /** 1-based index of the character where the problem was found (length + 1 for "at the end"). */
    public int position() {
        return position;
    }

    /** What is wrong, without the position. */
    public String problem() {
        return problem;
    }
}
