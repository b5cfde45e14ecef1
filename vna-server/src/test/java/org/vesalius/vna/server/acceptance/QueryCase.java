package org.vesalius.vna.server.acceptance;

import java.util.List;
import java.util.Set;

/**
 * One row of the query table: keys at a level and the unique keys (Study, Series or SOP
 * Instance UIDs) the archive must answer with, exactly.
 *
 * @param name     what the row exercises (PS3.4 matching type)
 * @param level    {@code STUDY}, {@code SERIES} or {@code IMAGE}
 * @param keys     the keys, each with its QIDO-RS and its C-FIND spelling
 * @param expected the unique keys of the matching entities
 * @param cfind    false for rows C-FIND cannot ask without relational or extended negotiation
 */
record QueryCase(String name, String level, List<Key> keys, Set<String> expected, boolean cfind) {

    /**
     * @param qidoName  QIDO-RS parameter name ({@code Seq.Item} for sequence keys)
     * @param cfindPath dcmtk {@code -k} path ({@code Seq[0].Item} for sequence keys)
     * @param qidoValue the value as QIDO-RS writes it (lists with commas)
     * @param cfindValue the value as C-FIND writes it (lists with backslashes)
     */
    record Key(String qidoName, String cfindPath, String qidoValue, String cfindValue) {
        static Key of(String keyword, String value) {
            return new Key(keyword, keyword, value, value);
        }

        static Key list(String keyword, List<String> values) {
            return new Key(keyword, keyword, String.join(",", values), String.join("\\", values));
        }

        static Key item(String sequence, String keyword, String value) {
            return new Key(sequence + "." + keyword, sequence + "[0]." + keyword, value, value);
        }
    }

    @Override
    public String toString() {
        return level + " " + name;
    }
}
