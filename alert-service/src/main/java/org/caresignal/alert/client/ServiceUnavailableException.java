package org.caresignal.alert.client;

/**
 * Another service did not answer usefully: no connection, a timeout, a 5xx, or a body that is not
 * the JSON it documents. The message names the service only; the remote body is never kept, so a
 * page can show the message as it is.
 */
public class ServiceUnavailableException extends RuntimeException {

    private final String service;
    private final int status;

    public ServiceUnavailableException(String service, Throwable cause) {
        super(service + " is not answering", cause);
        this.service = service;
        this.status = 0;
    }

    public ServiceUnavailableException(String service, int status) {
        super(service + " is not answering");
        this.service = service;
        this.status = status;
    }

    /** The HTTP status it answered (5xx, or 2xx with an unreadable body), 0 when none. */
    public int status() {
        return status;
    }

    /** The service's name, e.g. {@code sentiment-service}. */
    public String service() {
        return service;
    }
}
