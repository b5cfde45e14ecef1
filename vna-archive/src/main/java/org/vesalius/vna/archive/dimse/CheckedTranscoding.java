package org.vesalius.vna.archive.dimse;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.function.Supplier;
import org.vesalius.dicom.codec.FrameDecoder;
import org.vesalius.dicom.codec.FrameDecoders;
import org.vesalius.dicom.image.PixelDescription;
import org.vesalius.dicom.net.service.OutgoingInstance;
import org.vesalius.vna.archive.api.retrieve.Frames;
import org.vesalius.vna.archive.api.retrieve.ServedInstance;

/**
 * The transfer syntaxes a sub-operation may convert an instance into: those the served instance
 * allows ({@link ServedInstance#unavailableIn}: a decoder, frames within the decode limits), and,
 * for compressed frames, only when every frame's codestream header (JPEG SOF, JPEG 2000 SIZ)
 * agrees with the data set. Checked once, before anything is sent: a codestream that claims more
 * than its data set is then a failed sub-operation with the reason, not an association aborted
 * in the middle of a data set. Reads the first {@value #HEAD} bytes of each frame, once.
 */
final class CheckedTranscoding implements OutgoingInstance.Transcoding {

    static final int HEAD = 64 * 1024;

    private final ServedInstance instance;
    private final Supplier<Optional<? extends Frames>> frames;
    private Optional<String> codestreams; // null until first needed

    CheckedTranscoding(ServedInstance instance, Supplier<Optional<? extends Frames>> frames) {
        this.instance = instance;
        this.frames = frames;
    }

    @Override
    public Optional<String> unavailableIn(String transferSyntaxUid) {
        Optional<String> why = instance.unavailableIn(transferSyntaxUid);
        if (why.isPresent() || transferSyntaxUid.equals(instance.transferSyntaxUid())) {
            return why;
        }
        return codestreams();
    }

    private synchronized Optional<String> codestreams() {
        if (codestreams == null) {
            codestreams = check();
        }
        return codestreams;
    }

    private Optional<String> check() {
        PixelDescription stored = instance.pixelDescription();
        Optional<? extends Frames> found = frames.get();
        if (stored == null || found.isEmpty() || !found.get().encapsulated()) {
            return Optional.empty();
        }
        Frames f = found.get();
        Optional<FrameDecoder> decoder = FrameDecoders.of(f.transferSyntaxUid());
        if (decoder.isEmpty()) {
            return Optional.empty();
        }
        for (int n = 1; n <= f.numberOfFrames(); n++) {
            byte[] head;
            try (InputStream in = f.openFrame(n)) {
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
