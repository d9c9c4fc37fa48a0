package org.caresignal.ingest.service;

/**
 * A connector's work was about to be committed by an instance that no longer holds its lease (it
 * expired while the instance was paused or cut off, or another instance took it); the transaction
 * is rolled back so the new owner's cursor stands.
 */
public class LeaseLostException extends RuntimeException {

    public LeaseLostException(String connectorId, String owner) {
        super("instance " + owner + " no longer holds the lease of source " + connectorId);
    }
}
