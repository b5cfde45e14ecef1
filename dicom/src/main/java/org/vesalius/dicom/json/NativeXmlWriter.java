package org.vesalius.dicom.json;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Objects;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.vesalius.dicom.data.Dataset;
import org.vesalius.dicom.io.DicomStreamReader;

/**
 * Writes data sets as PS3.19 Native DICOM Model XML on an {@link XMLStreamWriter}, streaming:
 * {@code <NativeDicomModel xml:space="preserve">} holding one {@code DicomAttribute} per element
 * ({@code tag}, {@code vr}, {@code keyword} when the dictionary knows one, {@code privateCreator}
 * for private data elements, whose {@code tag} then has its block number replaced by 00 as A.1
 * says), with {@code Value}, {@code PersonName} (component groups and components), {@code Item},
 * {@code BulkData uri=} or {@code InlineBinary} content.
 *
 * <p>Values are decoded, split and trimmed as {@link DicomJsonWriter} does, with the same
 * {@link WriteOptions} for bulk data and group lengths. Characters XML 1.0 cannot carry at all
 * (NUL and other control characters) are replaced by U+FFFD; FL/FD that are not finite are
 * {@code NaN}, {@code INF}, {@code -INF} as in xs:double. Not thread-safe.
 */
public final class NativeXmlWriter {

    private static final String XML_NAMESPACE = "http://www.w3.org/XML/1998/namespace";

    private final XMLStreamWriter xml;
    private final WriteOptions options;

    /** A writer with the given options; the document is written by {@link #write}. */
    public NativeXmlWriter(XMLStreamWriter xml, WriteOptions options) {
        this.xml = Objects.requireNonNull(xml, "xml");
        this.options = Objects.requireNonNull(options, "options");
    }

    /** Writes {@code dataset} as a whole XML document. */
    public void write(Dataset dataset) throws IOException {
        XmlVisitor visitor = start();
        TreeWalker.walk(dataset, visitor);
        end();
    }

    /**
     * Reads the data set from {@code reader} until its end (or the reader's stop condition) and
     * writes it as a whole XML document, without building a tree; elements out of tag order are
     * left out, as {@link DicomJsonWriter#write(DicomStreamReader)} does.
     */
    public void write(DicomStreamReader reader) throws IOException {
        XmlVisitor visitor = start();
        TokenWalker.walk(reader, visitor);
        end();
    }

    /** Writes {@code dataset} as a UTF-8 XML document to {@code out} (not closed). */
    public static void write(Dataset dataset, WriteOptions options, OutputStream out) throws IOException {
        XMLStreamWriter xml = create(out);
        new NativeXmlWriter(xml, options).write(dataset);
        close(xml);
    }

    /** Writes the data set {@code reader} reads as a UTF-8 XML document to {@code out} (not closed). */
    public static void write(DicomStreamReader reader, WriteOptions options, OutputStream out) throws IOException {
        XMLStreamWriter xml = create(out);
        new NativeXmlWriter(xml, options).write(reader);
        close(xml);
    }

    private XmlVisitor start() throws IOException {
        try {
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeCharacters("\n");
            xml.writeStartElement("NativeDicomModel");
            xml.writeAttribute("xml", XML_NAMESPACE, "space", "preserve");
            xml.writeCharacters("\n");
        } catch (XMLStreamException e) {
            throw new IOException(e.getMessage(), e);
        }
        return new XmlVisitor(xml, options);
    }

    private void end() throws IOException {
        try {
            xml.writeEndElement();
            xml.writeCharacters("\n");
            xml.writeEndDocument();
            xml.flush();
        } catch (XMLStreamException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    private static XMLStreamWriter create(OutputStream out) throws IOException {
        try {
            return Factory.OUTPUT.createXMLStreamWriter(out, "UTF-8");
        } catch (XMLStreamException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    private static void close(XMLStreamWriter xml) throws IOException {
        try {
            xml.close();
        } catch (XMLStreamException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /** Looked up on first use: finding the StAX implementation costs start-up time. */
    private static final class Factory {
        static final XMLOutputFactory OUTPUT = XMLOutputFactory.newFactory();
    }
}
