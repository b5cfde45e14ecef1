package org.vesalius.vna.server.dimse;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code vna.dicom.*}: the DICOM listener.
 *
 * @param port    TCP port of the C-STORE SCP (0: any free port, for tests)
 * @param aeTitle our AE title: 1 to 16 characters, no backslash or control characters, not all spaces
 * @param enabled whether the listener runs at all
 */
@ConfigurationProperties("vna.dicom")
@Validated
public record DicomProperties(
        @Min(0) @Max(65535) @DefaultValue("11112") int port,
        @NotNull @Pattern(regexp = "(?=.*\\S)[^\\\\\\p{Cntrl}]{1,16}", message = "must be 1 to 16 characters, no backslash or control characters, not all spaces")
        @DefaultValue("VESALIUS") String aeTitle,
        @DefaultValue("true") boolean enabled) {
}
