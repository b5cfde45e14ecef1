/**
 * The seven protocol data units of the DICOM upper layer (PS3.8 section 9.3) and their items
 * (PS3.8 9.3.2 to 9.3.4, PS3.7 Annex D.3.3), as immutable values.
 *
 * <p>These records carry decoded content only: lengths, reserved fields and item order are the
 * codec's business ({@code org.vesalius.dicom.net.ul}). Strings are as sent on the wire minus
 * padding: AE titles are trimmed, UIDs have trailing NUL or space removed. Nullable components are
 * documented as such; lists are never null.
 */
package org.vesalius.dicom.net.ul.pdu;
