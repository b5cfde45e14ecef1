/**
 * The archive's worklist: imaging orders as scheduled procedure steps ({@link
 * org.vesalius.vna.archive.api.worklist.WorklistItem}, one per requested procedure), kept by the
 * {@link org.vesalius.vna.archive.api.worklist.WorklistPort} (implemented in {@code
 * archive.worklist}: the item in the blob store, then the worklist index). The HL7 edge schedules,
 * changes and cancels items from ORM^O01 and OMI^O23; the Modality Worklist C-FIND SCP finds them
 * ({@link org.vesalius.vna.archive.api.worklist.WorklistQueryParser} reads its identifier into a
 * {@link org.vesalius.vna.archive.api.worklist.WorklistQuery}, matched with the conditions of
 * {@code api.query}); the FHIR facade shows them as ServiceRequests.
 */
package org.vesalius.vna.archive.api.worklist;
