package org.vesalius.vna.archive.api.access;

/**
 * The {@link PatientScope} of the request being served, as the edge that received it
 * authenticated it (the server: the bearer token of the HTTP request on this thread). The
 * patient-scoped ports ({@code org.vesalius.vna.archive.access.PatientScopedPorts}) ask it at
 * every call; an implementation must answer {@link PatientScope#NONE}, never
 * {@link PatientScope#ALL}, when it cannot tell.
 */
@FunctionalInterface
public interface CallerScope {

    /** Every caller reads everything (an archive without tokens, DIMSE, maintenance). */
    CallerScope UNRESTRICTED = () -> PatientScope.ALL;

    /** The scope of the current caller. */
    PatientScope current();
}
