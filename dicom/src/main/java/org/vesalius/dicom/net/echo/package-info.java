/**
 * C-ECHO over {@code net.ul}: the smallest DIMSE exchange, proving the upper layer end to end.
 * Interim: the DIMSE layer ({@code net.dimse}, {@code net.service}) will supersede it.
 */
package org.vesalius.dicom.net.echo;
