package org.vesalius.dicom.bench.dimse;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import org.vesalius.dicom.data.UID;
import org.vesalius.dicom.net.service.CStoreHandler;
import org.vesalius.dicom.net.service.DimseServiceRegistry;
import org.vesalius.dicom.net.service.StorageSopClasses;
import org.vesalius.dicom.net.ul.ApplicationEntity;
import org.vesalius.dicom.net.ul.DicomServer;
import org.vesalius.dicom.net.ul.TransferCapability;

/**
 * Our C-STORE SCP until killed: {@code BenchScp PORT discard} or {@code BenchScp PORT DIR} (Part 10
 * files written into DIR); a third argument {@code platform} runs associations on platform
 * threads instead of the default virtual threads. Every storage SOP Class in every transfer syntax, AE title BENCH,
 * default options (maximum PDU 16378).
 */
public final class BenchScp {

    private BenchScp() {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        CStoreHandler sink = args[1].equals("discard") ? CStoreHandler.discarding() : CStoreHandler.toDirectory(Path.of(args[1]));
        ApplicationEntity ae = StorageSopClasses.acceptAll(ApplicationEntity.builder("BENCH"), TransferCapability.Role.SCP)
                .acceptScp(UID.Verification, UID.ExplicitVRLittleEndian, UID.ImplicitVRLittleEndian).build();
        DicomServer.Builder builder = DicomServer.builder(ae, DimseServiceRegistry.builder().store(sink).build()).port(port);
        if (args.length > 2 && args[2].equals("platform")) {
            builder.executor(Executors.newThreadPerTaskExecutor(Thread.ofPlatform().name("association-", 0).factory()));
        }
        DicomServer server = builder.start();
        Runtime.getRuntime().addShutdownHook(new Thread(server::close));
        System.out.println("listening on " + server.port());
        new CountDownLatch(1).await(); // until the script kills us
    }
}
