package org.caresignal.ingest.source;

/** A connector setting a source kind cannot work with: the JSON field and what is wrong. */
public class InvalidSettingException extends RuntimeException {

    private final String field;

    public InvalidSettingException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
