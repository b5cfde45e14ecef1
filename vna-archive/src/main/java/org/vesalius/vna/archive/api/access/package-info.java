/**
 * Whose data a caller may read ({@link org.vesalius.vna.archive.api.access.PatientScope}) and how
 * the archive learns it for the request being served
 * ({@link org.vesalius.vna.archive.api.access.CallerScope}).
 */
package org.vesalius.vna.archive.api.access;
