package org.vesalius.vna.archive.retrieve;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;
import org.vesalius.dicom.codec.FrameDecoder;
import org.vesalius.dicom.codec.FrameDecoders;
import org.vesalius.dicom.image.PixelDescription;
import org.vesalius.vna.archive.api.retrieve.Frames;

/**
 * Whether compressed frames may be decoded for a transcoding: only when every frame's codestream
 * header (JPEG SOF, JPEG 2000 SIZ) agrees with the data set. The data set's own dimensions are
 * checked against the decode limits elsewhere; a codestream that claims more than its data set
 * (a 16 x 16 image whose SOF says 20,000 x 20,000) is caught here, before anything is sent, so
 * WADO answers 406 and a C-MOVE/C-GET sub-operation fails with the reason instead of breaking in
 * the middle of a data set. Reads the first {@value #HEAD} bytes of each frame.
 */
final class CodestreamCheck {

    static final int HEAD = 64 * 1024;

    private CodestreamCheck() {
    }

    /** Why {@code frames} cannot be decoded as {@code stored} describes them; empty when they can, or cannot be read. */
    static Optional<String> refusal(PixelDescription stored, Frames frames) {
        if (stored == null || frames == null || !frames.encapsulated()) {
            return Optional.empty();
        }
        Optional<FrameDecoder> decoder = FrameDecoders.of(frames.transferSyntaxUid());
        if (decoder.isEmpty()) {
            return Optional.empty();
        }
        for (int n = 1; n <= frames.numberOfFrames(); n++) {
            byte[] head;
            try (InputStream in = frames.openFrame(n)) {
                head = in.readNBytes(HEAD);
            } catch (IOException | UncheckedIOException e) {
                return Optional.empty(); // unreadable: sending it fails and says so
            }
            Optional<String> why = decoder.get().codestreamRefusal(head, stored);
            if (why.isPresent()) {
                return Optional.of("frame " + n + " cannot be decoded: " + why.get());
            }
        }
        return Optional.empty();
    }
}
