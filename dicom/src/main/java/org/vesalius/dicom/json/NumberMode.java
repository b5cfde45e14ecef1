package org.vesalius.dicom.json;

/**
 * How Decimal String (DS) and Integer String (IS) values are written to DICOM JSON, which allows
 * either a JSON number or a JSON string for them (PS3.18 F.2.3, CP-1861).
 */
public enum NumberMode {
    /** As JSON strings, exactly as found (trimmed): nothing is lost, not even the formatting. */
    STRING,
    /**
     * As JSON numbers when the value is a valid DS or IS, keeping its digits; a value that is not
     * a valid number (seen in the wild), or is beyond the range of a double, stays a JSON string,
     * so the document is always valid and no consumer reads an infinity.
     */
    NUMBER
}
