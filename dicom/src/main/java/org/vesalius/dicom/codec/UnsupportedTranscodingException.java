package org.vesalius.dicom.codec;

import java.io.IOException;

/** A transcoding that this toolkit cannot do (an encoder or decoder it does not have), with the reason. */
public final class UnsupportedTranscodingException extends IOException {

    public UnsupportedTranscodingException(String reason) {
        super(reason);
    }
}
