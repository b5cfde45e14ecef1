package org.vesalius.dicom.data;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The DICOM UID registry (PS3.6 Table A-1 and the other registered UIDs, DICOM 2026a): name,
 * keyword and type of every SOP class, transfer syntax, well-known instance, coding scheme and
 * so on. Generated from the standard by {@code dicom/tools/GenerateDictionary.java}, loaded on
 * first use of {@link #standard()}, immutable and safe to share between threads. Constants for
 * the UIDs are in {@link UID}.
 *
 * <p>Lookups ignore the trailing NUL or space with which a UID value is padded to even length,
 * and leading spaces, so that a value as read from a data set can be passed directly.
 */
public final class UidRegistry {

    private static final Logger LOG = LoggerFactory.getLogger(UidRegistry.class);

    static final String RESOURCE = "uids.tsv";

    private final Map<String, UidEntry> byUid;
    private final List<UidEntry> entries;
    private final List<UidEntry> transferSyntaxes;
    private final List<UidEntry> storageSopClasses;

    private static final class Holder {
        static final UidRegistry STANDARD = load();
    }

    /** The registry of the standard, loaded on the first call, then shared. */
    public static UidRegistry standard() {
        return Holder.STANDARD;
    }

    private UidRegistry(List<UidEntry> entries) {
        Map<String, UidEntry> map = new HashMap<>(entries.size() * 2);
        for (UidEntry entry : entries) {
            if (map.putIfAbsent(entry.uid(), entry) != null) {
                throw new IllegalStateException("duplicate UID " + entry.uid() + " in " + RESOURCE);
            }
        }
        this.byUid = Map.copyOf(map);
        this.entries = List.copyOf(entries);
        this.transferSyntaxes = entries.stream().filter(UidEntry::isTransferSyntax).toList();
        this.storageSopClasses = entries.stream().filter(UidRegistry::isStorage).toList();
    }

    private static UidRegistry load() {
        long start = System.nanoTime();
        DictionaryResource resource = new DictionaryResource();
        List<UidEntry> entries = new ArrayList<>(512);
        // columns: UID, keyword, type, retired, name, info
        resource.read(RESOURCE, 6, fields -> entries.add(new UidEntry(fields[0], fields[4],
                fields[1], resource.shared(fields[2]), fields[5],
                DictionaryResource.flag(fields[3]))));
        UidRegistry registry = new UidRegistry(entries);
        LOG.debug("Loaded {} UIDs in {} ms", entries.size(),
                (System.nanoTime() - start) / 1_000_000);
        return registry;
    }

    /** The registry's entry for {@code uid}; empty when unknown or {@code null}. */
    public Optional<UidEntry> lookup(String uid) {
        return Optional.ofNullable(find(uid));
    }

    /** The name of {@code uid}, e.g. "Explicit VR Little Endian"; the UID itself when unknown. */
    public String nameOf(String uid) {
        UidEntry entry = find(uid);
        return entry == null ? uid : entry.name();
    }

    /** The keyword of {@code uid}, e.g. {@code ExplicitVRLittleEndian}; empty when unknown. */
    public String keywordOf(String uid) {
        UidEntry entry = find(uid);
        return entry == null ? "" : entry.keyword();
    }

    /** True when {@code uid} is a registered transfer syntax, retired ones included. */
    public boolean isTransferSyntax(String uid) {
        UidEntry entry = find(uid);
        return entry != null && entry.isTransferSyntax();
    }

    /** Every registered transfer syntax, retired ones included, in UID order. */
    public List<UidEntry> transferSyntaxes() {
        return transferSyntaxes;
    }

    /**
     * Every SOP Class of the Storage Service Class (PS3.4 Annex B) and its relatives that are
     * transferred with C-STORE (waveforms, SR, presentation states, RT, ...), retired ones
     * included, in UID order: the SOP Classes whose name says Storage, except Storage Commitment.
     */
    public List<UidEntry> storageSopClasses() {
        return storageSopClasses;
    }

    private static boolean isStorage(UidEntry e) {
        return "SOP Class".equals(e.type()) && e.name().contains("Storage") && !e.name().contains("Storage Commitment");
    }

    /** Every registered UID, in UID order (numeric per component). */
    List<UidEntry> entries() {
        return entries;
    }

    private UidEntry find(String uid) {
        if (uid == null) {
            return null;
        }
        UidEntry entry = byUid.get(uid);
        if (entry == null) {
            String trimmed = DictionaryResource.trimPadding(uid);
            if (trimmed != uid) {
                entry = byUid.get(trimmed);
            }
        }
        return entry;
    }
}
