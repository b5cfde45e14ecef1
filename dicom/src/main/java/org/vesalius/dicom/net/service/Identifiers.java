package org.vesalius.dicom.net.service;

import java.io.IOException;
import org.vesalius.dicom.data.Dataset;
import org.vesalius.dicom.io.DicomReader;
import org.vesalius.dicom.io.MalformedDicomException;
import org.vesalius.dicom.io.ReadOptions;
import org.vesalius.dicom.io.TransferSyntax;
import org.vesalius.dicom.net.dimse.CommandSet;
import org.vesalius.dicom.net.dimse.DicomStatus;
import org.vesalius.dicom.net.ul.IncomingMessage;

/** Reading the identifier of a C-FIND, C-MOVE or C-GET request, and of C-FIND responses. */
final class Identifiers {

    private Identifiers() {
    }

    /**
     * The request's identifier; or null when it has none or it cannot be read, in which case
     * the request has been answered (C000 cannot understand).
     */
    static Dataset read(DimseChannel channel, CommandSet command, IncomingMessage message) throws IOException {
        if (!message.hasDataSet()) {
            channel.respond(message, command, DicomStatus.CANNOT_UNDERSTAND, command.commandField() + " without identifier");
            return null;
        }
        try {
            return read(message);
        } catch (MalformedDicomException e) {
            DimseServiceRegistry.refuse(channel, command, message, DicomStatus.CANNOT_UNDERSTAND,
                    "unreadable identifier: " + e.getMessage());
            return null;
        }
    }

    /** The data set of a message, in its context's transfer syntax. */
    static Dataset read(IncomingMessage message) throws IOException {
        return DicomReader.readDataset(message.dataSet(), TransferSyntax.of(message.presentationContext().transferSyntax()),
                ReadOptions.DEFAULT);
    }
}
