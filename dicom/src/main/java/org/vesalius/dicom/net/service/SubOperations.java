package org.vesalius.dicom.net.service;

import org.vesalius.dicom.net.dimse.CommandSet;

/**
 * The sub-operation counts of a C-MOVE or C-GET response (PS3.7 9.3.3.2, 9.3.4.2); -1 for a count
 * the response left out (Remaining is absent from final responses other than Cancel).
 *
 * @param remaining (0000,1020) still to do
 * @param completed (0000,1021) done with success
 * @param failed    (0000,1022) failed
 * @param warning   (0000,1023) done with a warning
 */
public record SubOperations(int remaining, int completed, int failed, int warning) {

    /** No sub-operations: what a retrieve of nothing reports. */
    public static final SubOperations NONE = new SubOperations(-1, 0, 0, 0);

    /** Completed + failed + warning: the sub-operations that have been attempted. */
    public int attempted() {
        return Math.max(0, completed) + Math.max(0, failed) + Math.max(0, warning);
    }

    static SubOperations of(CommandSet response) {
        int[] c = response.subOperations();
        return new SubOperations(c[0], c[1], c[2], c[3]);
    }

    @Override
    public String toString() {
        return (remaining >= 0 ? "remaining " + remaining + ", " : "") + "completed " + completed + ", failed " + failed
                + ", warning " + warning;
    }
}
