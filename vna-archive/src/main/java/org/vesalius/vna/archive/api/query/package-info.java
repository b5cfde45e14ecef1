/**
 * The archive's query API: the query model every edge speaks ({@link
 * org.vesalius.vna.archive.api.query.Query} at a {@link org.vesalius.vna.archive.api.query.QueryLevel},
 * {@link org.vesalius.vna.archive.api.query.AttributeMatch}es with their
 * {@link org.vesalius.vna.archive.api.query.Condition}s, {@link
 * org.vesalius.vna.archive.api.query.ReturnKeys}, paging and order), its answer ({@link
 * org.vesalius.vna.archive.api.query.QueryResult}), its failure ({@link
 * org.vesalius.vna.archive.api.query.InvalidQueryException}) and the port that runs it ({@link
 * org.vesalius.vna.archive.api.query.QueryPort}, implemented in {@code archive.query}).
 *
 * <p><b>Why the protocol parsers live here.</b> {@link
 * org.vesalius.vna.archive.api.query.QidoQueryParser} (QIDO-RS query parameters) and {@link
 * org.vesalius.vna.archive.api.query.CFindQueryParser} (a C-FIND identifier) are public parsers
 * of this package, not classes beside their edge: both translate a protocol request into the
 * same model with the same rules (which keys match at which level, range and wildcard syntax,
 * sequence matching, date-time combination), and they share package-private helpers
 * ({@code ConditionParser}, {@code AttributeNames}) that would otherwise have to be public or
 * duplicated. More than one edge needs each of them: QIDO-RS's syntax is also what FHIR's
 * bridge and the migration tools' DICOMweb source speak, and the C-FIND identifier is what the
 * HL7 and migration edges build. They depend on nothing but the model and the {@code dicom}
 * toolkit, so edges get them without reaching into the archive's internals.
 *
 * <p>{@link org.vesalius.vna.archive.api.query.PersonNames} is public for the index adapters:
 * it is the model's rule for how person names match (literally, case- and accent-insensitive),
 * which the index must apply alike when it writes and when it searches.
 */
package org.vesalius.vna.archive.api.query;
