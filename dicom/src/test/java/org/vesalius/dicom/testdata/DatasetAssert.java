package org.vesalius.dicom.testdata;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.vesalius.dicom.data.Dataset;
import org.vesalius.dicom.data.Fragments;
import org.vesalius.dicom.data.Sequence;
import org.vesalius.dicom.data.Tag;
import org.vesalius.dicom.data.VR;

/**
 * Compares data sets the way a normalizing rewrite must keep them: same elements and values,
 * where a value padded to even length equals its odd-length original, group lengths are ignored,
 * and a UN sequence may come back as SQ (or a long short-header value as UN, CP-1066).
 */
public final class DatasetAssert {

    private DatasetAssert() {
    }

    /** The differences between two data sets, empty when equivalent. */
    public static List<String> differences(Dataset expected, Dataset actual) {
        List<String> out = new ArrayList<>();
        compare("", expected, actual, out);
        return out;
    }

    private static void compare(String path, Dataset a, Dataset b, List<String> out) {
        List<Integer> ia = indices(a);
        List<Integer> ib = indices(b);
        int i = 0;
        int j = 0;
        while (i < ia.size() || j < ib.size()) {
            int ta = i < ia.size() ? a.tagAt(ia.get(i)) : -1;
            int tb = j < ib.size() ? b.tagAt(ib.get(j)) : -1;
            if (j >= ib.size() || i < ia.size() && Integer.compareUnsigned(ta, tb) < 0) {
                out.add(path + Tag.toString(ta) + " missing");
                i++;
            } else if (i >= ia.size() || Integer.compareUnsigned(tb, ta) < 0) {
                out.add(path + Tag.toString(tb) + " unexpected");
                j++;
            } else {
                compareElement(path + Tag.toString(ta), a.vrAt(ia.get(i)), a.valueAt(ia.get(i)),
                        b.vrAt(ib.get(j)), b.valueAt(ib.get(j)), out);
                i++;
                j++;
            }
        }
    }

    private static void compareElement(String path, VR va, Object a, VR vb, Object b, List<String> out) {
        boolean vrOk = va == vb || a instanceof Sequence && (va == VR.UN || vb == VR.UN) || vb == VR.UN
                || implicitAmbiguity(va, vb);
        if (!vrOk) {
            out.add(path + " VR " + va + " != " + vb);
        }
        if (a instanceof Sequence sa) {
            if (!(b instanceof Sequence sb) || sa.size() != sb.size()) {
                out.add(path + " sequence differs");
                return;
            }
            for (int k = 0; k < sa.size(); k++) {
                compare(path + "[" + k + "]", sa.get(k), sb.get(k), out);
            }
        } else if (a instanceof Fragments fa) {
            if (!(b instanceof Fragments fb) || fa.size() != fb.size()) {
                out.add(path + " fragments differ");
                return;
            }
            for (int k = 0; k < fa.size(); k++) {
                if (!paddedEqual((byte[]) fa.get(k), (byte[]) fb.get(k))) {
                    out.add(path + " fragment " + k + " differs");
                }
            }
        } else if (!paddedEqual((byte[]) a, (byte[]) b)) {
            out.add(path + " value differs");
        }
    }

    /** Pairs that Implicit VR cannot tell apart: the dictionary picks one (PS3.5 A.1 for OB/OW). */
    private static boolean implicitAmbiguity(VR a, VR b) {
        return a == VR.OB && b == VR.OW || a == VR.OW && b == VR.OB
                || a == VR.US && b == VR.SS || a == VR.SS && b == VR.US;
    }

    private static boolean paddedEqual(byte[] a, byte[] b) {
        a = a == null ? new byte[0] : a;
        b = b == null ? new byte[0] : b;
        if (a.length == b.length) {
            return Arrays.equals(a, b);
        }
        byte[] shorter = a.length < b.length ? a : b;
        byte[] longer = a.length < b.length ? b : a;
        return longer.length == shorter.length + 1 && (shorter.length & 1) == 1
                && Arrays.equals(shorter, 0, shorter.length, longer, 0, shorter.length);
    }

    private static List<Integer> indices(Dataset d) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < d.size(); i++) {
            if (!Tag.isGroupLength(d.tagAt(i))) {
                out.add(i);
            }
        }
        return out;
    }
}
