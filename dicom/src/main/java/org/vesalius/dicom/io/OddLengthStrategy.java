package org.vesalius.dicom.io;

/**
 * What a reader does with a value of odd length, which PS3.5 7.1.1 forbids but files in the wild
 * contain.
 */
public enum OddLengthStrategy {
    /** Read exactly the odd number of bytes the header declares (what most writers meant). */
    ACCEPT,
    /** Read one more byte, assuming the writer forgot to count the padding. */
    NEXT_EVEN,
    /** Refuse the input with {@link MalformedDicomException}. */
    FAIL
}
