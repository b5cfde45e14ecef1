package org.vesalius.dicom.json;

import java.io.IOException;
import java.util.List;
import org.vesalius.dicom.data.SpecificCharacterSet;
import org.vesalius.dicom.data.VR;

/**
 * Receives the elements of one data set in ascending tag order, whether they come from a
 * {@link org.vesalius.dicom.data.Dataset} tree ({@link TreeWalker}) or straight from a parser's
 * tokens ({@link TokenWalker}): the one seam that lets each output format be written once.
 */
interface DatasetVisitor {

    /**
     * An element that is neither a sequence nor encapsulated.
     *
     * @param value          {@code byte[]} (binary numbers little endian), a
     *                       {@link org.vesalius.dicom.data.BulkDataRef}, or null for an empty value
     * @param charset        the Specific Character Set in effect for the element
     * @param privateCreator the creator of a private data element's block, else null
     */
    void element(int tag, VR vr, Object value, SpecificCharacterSet charset, String privateCreator) throws IOException;

    /** A sequence begins (VR SQ, or UN read as a sequence). Its items and end follow. */
    void startSequence(int tag, String privateCreator) throws IOException;

    /** The next item of the current sequence begins; its elements follow. */
    void startItem() throws IOException;

    /** The current item ends. */
    void endItem() throws IOException;

    /** The current sequence ends. */
    void endSequence() throws IOException;

    /**
     * An encapsulated value: all its items, the Basic Offset Table first, each a {@code byte[]} or
     * a {@link org.vesalius.dicom.data.BulkDataRef}.
     */
    void fragments(int tag, VR vr, List<Object> items, String privateCreator) throws IOException;
}
