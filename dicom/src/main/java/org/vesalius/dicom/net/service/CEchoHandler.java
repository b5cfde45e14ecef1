package org.vesalius.dicom.net.service;

import org.vesalius.dicom.net.dimse.DicomStatus;

/**
 * Answers C-ECHO (PS3.4 Annex A). The registry's default answers success; a handler can check
 * something first (a health probe, say) and answer a failure.
 */
@FunctionalInterface
public interface CEchoHandler {

    /** The status to answer {@code association}'s C-ECHO with. */
    DicomStatus echo(AssociationInfo association);
}
