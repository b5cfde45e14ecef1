/**
 * Command-line tools, each a class with a {@code main}: {@link org.vesalius.dicom.tool.JsonTool}
 * ({@code vna json}) and {@link org.vesalius.dicom.tool.DumpTool} ({@code vna dump}). Failures are
 * one line on standard error, never a stack trace; exit code 1 for malformed or unreadable input,
 * 2 for an internal error, 64 for a wrong command line.
 */
package org.vesalius.dicom.tool;
