package org.caresignal.alert.rest;

import java.util.List;

/** Request parameters that failed validation, each with what is wrong (a 400 problem). */
public class InvalidParametersException extends RuntimeException {

    private final transient List<ProblemDetail.Violation> violations;

    public InvalidParametersException(List<ProblemDetail.Violation> violations) {
        super("invalid parameters");
        this.violations = List.copyOf(violations);
    }

    public List<ProblemDetail.Violation> violations() {
        return violations;
    }
}
