package org.caresignal.alert.domain;

/** A requested stats window that cannot be served; names the request parameter at fault. */
public class InvalidWindowException extends RuntimeException {

    private final String parameter;
    private final String problem;

    public InvalidWindowException(String parameter, String problem) {
        super(parameter + " " + problem);
        this.parameter = parameter;
        this.problem = problem;
    }

    public String parameter() {
        return parameter;
    }

    /** What is wrong, without the parameter name. */
    public String problem() {
        return problem;
    }
}
