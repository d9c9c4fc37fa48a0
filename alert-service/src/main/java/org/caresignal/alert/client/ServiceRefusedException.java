package org.caresignal.alert.client;

/**
 * Another service answered a 4xx: the caller's token was refused (401), their role does not allow
 * it (403), the thing does not exist (404), or the request was not acceptable (400, 409). Only the
 * status is kept; the remote problem text is not ours to show.
 */
public class ServiceRefusedException extends RuntimeException {

    private final String service;
    private final int status;

    public ServiceRefusedException(String service, int status) {
        super(service + " refused the request (HTTP " + status + ")");
        this.service = service;
        this.status = status;
    }

    public String service() {
        return service;
    }

    public int status() {
        return status;
    }

    public boolean notFound() {
        return status == 404;
    }

    public boolean forbidden() {
        return status == 401 || status == 403;
    }
}
