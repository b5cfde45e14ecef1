/**
 * Command-line tools, each a class with a {@code main}: {@link org.vesalius.dicom.tool.JsonTool}
 * ({@code vna json}), {@link org.vesalius.dicom.tool.DumpTool} ({@code vna dump}) and
 * {@link org.vesalius.dicom.tool.GenerateTool} ({@code vna generate}). Failures are
 * one line on standard error, never a stack trace; exit code 1 for malformed or unreadable input,
 * 2 for an internal error, 64 for a wrong command line.
 */
package org.vesalius.dicom.tool;
