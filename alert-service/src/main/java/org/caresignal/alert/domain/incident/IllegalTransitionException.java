package org.caresignal.alert.domain.incident;

/** A person asked for a change the incident's status does not allow (e.g. acknowledge resolved). */
public class IllegalTransitionException extends RuntimeException {

    public IllegalTransitionException(String message) {
        super(message);
    }
}
