package org.caresignal.alert.client;

/**
 * Another service did not answer usefully: no connection, a timeout, a 5xx, or a body that is not
 * the JSON it documents. The message names the service only; the remote body is never kept, so a
 * page can show the message as it is.
 */
public class ServiceUnavailableException extends RuntimeException {

    private final String service;

    public ServiceUnavailableException(String service, Throwable cause) {
        super(service + " is not answering", cause);
        this.service = service;
    }

    public ServiceUnavailableException(String service, int status) {
        super(service + " is not answering (HTTP " + status + ")");
        this.service = service;
    }

    /** The service's name, e.g. {@code sentiment-service}. */
    public String service() {
        return service;
    }
}
