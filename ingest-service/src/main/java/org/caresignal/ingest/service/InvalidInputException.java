package org.caresignal.ingest.service;

/**
 * Input that passed field validation but breaks a rule of the domain: the JSON field, what is
 * wrong, and for a watch query the 1-based position in it.
 */
public class InvalidInputException extends RuntimeException {

    private final String field;
    private final Integer position;

    public InvalidInputException(String field, String message, Integer position) {
        super(message);
        this.field = field;
        this.position = position;
    }

    public String field() {
        return field;
    }

    public Integer position() {
        return position;
    }
}
