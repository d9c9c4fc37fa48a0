package org.caresignal.ingest.source;

import org.caresignal.ingest.domain.SourceConnector;

/** Where a connector's client gets the connector's credential in clear (the service's vault). */
public interface Credentials {

    /**
     * The connector's credential in clear, or null when it has none.
     *
     * @throws SourceFailure (CREDENTIAL) when the stored value cannot be opened
     */
    String credential(SourceConnector connector);
}
