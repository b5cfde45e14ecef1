package org.vesalius.dicom.net.service;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import org.vesalius.dicom.net.dimse.CommandField;
import org.vesalius.dicom.net.dimse.CommandSet;
import org.vesalius.dicom.net.dimse.DicomStatus;
import org.vesalius.dicom.net.ul.Association;
import org.vesalius.dicom.net.ul.AssociationEnd;
import org.vesalius.dicom.net.ul.IncomingMessage;
import org.vesalius.dicom.net.ul.MessageHandler;

/**
 * The SCP side of the DIMSE-C services: a {@link MessageHandler} for a
 * {@link org.vesalius.dicom.net.ul.DicomServer} that hands each request to the handler registered
 * for its service and SOP Class, or to the one registered for {@link #ANY_SOP_CLASS}.
 *
 * <pre>{@code
 * DimseServiceRegistry services = DimseServiceRegistry.builder()
 *         .store(CStoreHandler.toDirectory(Path.of("incoming")))        // any storage SOP Class
 *         .find(UID.StudyRootQueryRetrieveInformationModelFind, queries::find)
 *         .move(UID.StudyRootQueryRetrieveInformationModelMove, retrieves::retrieve)
 *         .get(UID.StudyRootQueryRetrieveInformationModelGet, retrieves::retrieve)
 *         .moveDestinations(MoveDestinationResolver.of(List.of(MoveDestination.of("VIEWER", "10.0.0.7", 104))))
 *         .build();
 * ApplicationEntity ae = StorageSopClasses.acceptAll(ApplicationEntity.builder("VESALIUS"), Role.BOTH)
 *         .acceptScp(UID.Verification, UID.ImplicitVRLittleEndian)
 *         .build();
 * try (DicomServer server = DicomServer.builder(ae, services).port(11112).start()) { ... }
 * }</pre>
 *
 * <p>Answers without a handler: C-ECHO success (unless an {@link CEchoHandler} says otherwise);
 * a service without a handler for the SOP Class, 0122 SOP Class not supported; a command this
 * toolkit does not perform (N-services, unknown fields), 0211 unrecognized operation. Whatever the
 * presentation contexts let through reaches this dispatch, so the
 * {@link org.vesalius.dicom.net.ul.ApplicationEntity} decides what is negotiated, and this registry
 * what is done.
 *
 * <p>Threads: C-ECHO and C-STORE run on the association's reader thread (the data set streams
 * from the socket into the handler). C-FIND, C-MOVE and C-GET run on the executor (a virtual
 * thread each, by default), so that the reader stays free for C-CANCEL and, for C-GET, for the
 * responses to the sub-operations.
 */
public final class DimseServiceRegistry implements MessageHandler {

    /** The SOP Class key of a handler that serves every SOP Class not registered on its own. */
    public static final String ANY_SOP_CLASS = "*";

    private final CEchoHandler echo;
    private final Map<String, CStoreHandler> store;
    private final Map<String, CFindHandler> find;
    private final Map<String, CMoveHandler> move;
    private final Map<String, CGetHandler> get;
    private final MoveDestinationResolver destinations;
    private final DimseOptions options;
    private final Executor executor;
    private final IdentifierLimits identifierLimits;
    private final Map<Association, DimseChannel> channels = new ConcurrentHashMap<>();

    private DimseServiceRegistry(Builder b) {
        this.echo = b.echo;
        this.store = Map.copyOf(b.store);
        this.find = Map.copyOf(b.find);
        this.move = Map.copyOf(b.move);
        this.get = Map.copyOf(b.get);
        this.destinations = b.destinations;
        this.options = b.options;
        this.executor = b.executor;
        this.identifierLimits = b.identifierLimits;
    }

    public static Builder builder() {
        return new Builder();
    }

    // ---------------------------------------------------------------- MessageHandler

    @Override
    public void onEstablished(Association association) {
        DimseChannel channel = new DimseChannel(this::dispatch, options);
        channel.bind(association);
        channels.put(association, channel);
    }

    @Override
    public void onMessage(Association association, IncomingMessage message) throws IOException {
        channel(association).onMessage(association, message);
    }

    @Override
    public void onReleaseRequested(Association association) {
        channel(association).onReleaseRequested(association);
    }

    @Override
    public void onClosed(Association association, AssociationEnd end) {
        DimseChannel channel = channels.remove(association);
        if (channel != null) {
            channel.onClosed(association, end);
        }
    }

    private DimseChannel channel(Association association) {
        DimseChannel channel = channels.get(association);
        if (channel == null) {
            throw new IllegalStateException(association + " was not announced to this registry");
        }
        return channel;
    }

    // ---------------------------------------------------------------- dispatch

    private void dispatch(DimseChannel channel, CommandSet request, IncomingMessage message) throws IOException {
        CommandField field = request.commandField();
        String sopClass = request.affectedSopClassUid();
        if (field == CommandField.C_ECHO_RQ) {
            long start = System.nanoTime();
            DicomStatus status = echo.echo(AssociationInfo.of(channel.association()));
            channel.respond(message, request, status, null);
            DimseLog.single(channel.association().toString(), "C-ECHO", "from", sopClass, null, status, null, 0, start);
        } else if (field == CommandField.C_STORE_RQ) {
            CStoreHandler handler = lookup(store, sopClass);
            StoreService.perform(channel, request, message, handler != null ? handler : DimseServiceRegistry::notSupported);
        } else if (field == CommandField.C_FIND_RQ) {
            CFindHandler handler = lookup(find, sopClass);
            if (handler == null) {
                refuse(channel, request, message, DicomStatus.SOP_CLASS_NOT_SUPPORTED, "no C-FIND for " + DimseLog.name(sopClass));
            } else {
                FindService.perform(channel, request, message, handler, executor, identifierLimits);
            }
        } else if (field == CommandField.C_MOVE_RQ || field == CommandField.C_GET_RQ) {
            boolean isMove = field == CommandField.C_MOVE_RQ;
            CMoveHandler moveHandler = isMove ? lookup(move, sopClass) : null;
            CGetHandler getHandler = isMove ? null : lookup(get, sopClass);
            if (moveHandler == null && getHandler == null) {
                refuse(channel, request, message, DicomStatus.SOP_CLASS_NOT_SUPPORTED,
                        "no " + field + " for " + DimseLog.name(sopClass));
            } else {
                RetrieveService.perform(channel, request, message,
                        new RetrieveService.Setup(moveHandler, getHandler, destinations, options, executor,
                                identifierLimits));
            }
        } else {
            refuse(channel, request, message, DicomStatus.UNRECOGNIZED_OPERATION,
                    field == null ? String.format("command field %04XH is not supported", request.commandFieldCode())
                            : field + " is not supported");
        }
    }

    private static DicomStatus notSupported(StoreRequest request, InputStream dataSet) {
        throw new DicomServiceException(DicomStatus.SOP_CLASS_NOT_SUPPORTED,
                "no storage for " + DimseLog.name(request.sopClassUid()));
    }

    /** Answers with a failure once the request's data set (if any) has been read: a response never overtakes its request. */
    static void refuse(DimseChannel channel, CommandSet request, IncomingMessage message, DicomStatus status,
            String comment) throws IOException {
        if (message.hasDataSet()) {
            message.dataSet().transferTo(OutputStream.nullOutputStream());
        }
        channel.respond(message, request, status, comment);
        CommandField field = request.commandField();
        DimseLog.single(channel.association().toString(),
                field != null ? field.toString() : String.format("command %04XH", request.commandFieldCode()), "from",
                request.affectedSopClassUid(), null, status, comment, 0, System.nanoTime());
    }

    private static <H> H lookup(Map<String, H> handlers, String sopClass) {
        H handler = sopClass != null ? handlers.get(sopClass) : null;
        return handler != null ? handler : handlers.get(ANY_SOP_CLASS);
    }

    // ---------------------------------------------------------------- builder

    /** Builds a {@link DimseServiceRegistry}. */
    public static final class Builder {
        private CEchoHandler echo = association -> DicomStatus.SUCCESS;
        private final Map<String, CStoreHandler> store = new HashMap<>();
        private final Map<String, CFindHandler> find = new HashMap<>();
        private final Map<String, CMoveHandler> move = new HashMap<>();
        private final Map<String, CGetHandler> get = new HashMap<>();
        private MoveDestinationResolver destinations = MoveDestinationResolver.none();
        private DimseOptions options = DimseOptions.DEFAULT;
        private Executor executor = task -> Thread.ofVirtual().name("dimse-operation").start(task);
        private IdentifierLimits identifierLimits = IdentifierLimits.DEFAULT;

        private Builder() {
        }

        /** Answers C-ECHO with {@code handler} (default: success). */
        public Builder echo(CEchoHandler handler) {
            this.echo = Objects.requireNonNull(handler);
            return this;
        }

        /** C-STORE of {@code sopClassUid} (or {@link #ANY_SOP_CLASS}) goes to {@code handler}. */
        public Builder store(String sopClassUid, CStoreHandler handler) {
            store.put(Objects.requireNonNull(sopClassUid), Objects.requireNonNull(handler));
            return this;
        }

        /** C-STORE of every SOP Class without a handler of its own goes to {@code handler}. */
        public Builder store(CStoreHandler handler) {
            return store(ANY_SOP_CLASS, handler);
        }

        /**
         * C-FIND of {@code sopClassUid} (an information model such as
         * {@code StudyRootQueryRetrieveInformationModelFind}, or {@link #ANY_SOP_CLASS}) goes to {@code handler}.
         */
        public Builder find(String sopClassUid, CFindHandler handler) {
            find.put(Objects.requireNonNull(sopClassUid), Objects.requireNonNull(handler));
            return this;
        }

        /**
         * C-MOVE of {@code sopClassUid} (e.g. {@code StudyRootQueryRetrieveInformationModelMove}, or
         * {@link #ANY_SOP_CLASS}) goes to {@code handler}; destinations come from
         * {@link #moveDestinations(MoveDestinationResolver)}.
         */
        public Builder move(String sopClassUid, CMoveHandler handler) {
            move.put(Objects.requireNonNull(sopClassUid), Objects.requireNonNull(handler));
            return this;
        }

        /**
         * C-GET of {@code sopClassUid} (e.g. {@code StudyRootQueryRetrieveInformationModelGet}, or
         * {@link #ANY_SOP_CLASS}) goes to {@code handler}. The AE must accept the storage SOP
         * Classes with role SCU or BOTH, so that it may grant the requestor's SCP role.
         */
        public Builder get(String sopClassUid, CGetHandler handler) {
            get.put(Objects.requireNonNull(sopClassUid), Objects.requireNonNull(handler));
            return this;
        }

        /** Where C-MOVE destinations are; default: none known (every C-MOVE gets A801). */
        public Builder moveDestinations(MoveDestinationResolver resolver) {
            this.destinations = Objects.requireNonNull(resolver);
            return this;
        }

        /** Timeouts for responses to the requests the SCP sends (C-GET and C-MOVE sub-operations). */
        public Builder options(DimseOptions options) {
            this.options = Objects.requireNonNull(options);
            return this;
        }

        /** Runs C-FIND, C-MOVE and C-GET operations; default: a new virtual thread for each. */
        public Builder executor(Executor executor) {
            this.executor = Objects.requireNonNull(executor);
            return this;
        }

        /**
         * Caps the identifiers of C-FIND, C-MOVE and C-GET requests; beyond, the request is
         * answered C000 with an Error Comment naming the limit. Default {@link IdentifierLimits#DEFAULT}.
         */
        public Builder identifierLimits(IdentifierLimits limits) {
            this.identifierLimits = Objects.requireNonNull(limits, "limits");
            return this;
        }

        public DimseServiceRegistry build() {
            return new DimseServiceRegistry(this);
        }
    }
}
