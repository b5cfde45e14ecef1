package org.vesalius.vna.server.dimse;

/**
 * Hears every refusal of the DIMSE access policy, after it is logged: the hook for the audit
 * trail. Any bean of this type is called, on the connection's thread, before the refusal is sent;
 * it must return quickly and never throw (a throwing listener is logged and ignored).
 */
@FunctionalInterface
public interface DimseRefusalListener {

    /** One refusal. */
    void refused(DimseRefusal refusal);
}
