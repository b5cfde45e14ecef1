/**
 * Synthetic data sets for tests and benchmarks: {@link org.vesalius.dicom.tool.synthetic.SyntheticDataSet}
 * writes deterministic, varied Part 10 files (patients, studies, series of ten modalities, small
 * real images) and a {@link org.vesalius.dicom.tool.synthetic.SyntheticManifest} of what it wrote.
 */
package org.vesalius.dicom.tool.synthetic;
