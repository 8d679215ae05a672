package io.weir.runtime.internal.lifecycle.heap;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds, in an HPROF heap dump, the shortest chain of references from a GC root to each marked class loader (see
 * {@link HeapMarker}), and renders it for an operator.
 *
 * <p>Bounded: the dump is streamed, never loaded. One pass indexes classes and roots; then each further pass walks
 * one step backwards from the loaders (breadth first, so the first root reached gives a shortest path), keeping only
 * the objects reached so far. It stops when every loader has a path, or at the depth, node or time limit, and says
 * which. References from {@code java.lang.ref.Reference.referent} (weak, soft, phantom, final) do not count.
 */
public final class HeapPathFinder {

    /**
     * @param time     wall time for the whole search
     * @param maxNodes how many objects the backward search may remember (about 60 bytes each)
     * @param maxDepth the longest path looked for
     */
    public record Limits(Duration time, int maxNodes, int maxDepth) {
        /** One minute, a million objects (about 60 MB), 60 references. */
        public static final Limits DEFAULTS = new Limits(Duration.ofSeconds(60), 1_000_000, 60);
    }

    private static final String MARKER_CLASS = HeapMarker.class.getName();
    private static final long MAX_STRING_CHARS = 64L << 20;

    private static final byte NODE_TARGET = 0;
    private static final byte NODE_INSTANCE = 1;
    private static final byte NODE_CLASS = 2;
    private static final byte NODE_ARRAY = 3;

    private static final byte EDGE_FIELD = 1;
    private static final byte EDGE_STATIC = 2;
    private static final byte EDGE_CLASS_OF = 3;
    private static final byte EDGE_LOADER = 4;
    private static final byte EDGE_SUPER = 5;
    private static final byte EDGE_ELEMENT = 6;
    private static final byte EDGE_DOMAIN = 7;
    private static final byte EDGE_SIGNERS = 8;

    private final Path dump;
    private final Limits limits;
    private final long deadline;

    private final Map<Long, String> strings = new HashMap<>();
    private long stringChars;
    private final Map<Long, Long> classNameIds = new HashMap<>();
    private final Map<Long, ClassInfo> classes = new HashMap<>();
    private final LongIntMap roots = new LongIntMap(1 << 12);
    private final List<String> rootKinds = new ArrayList<>();
    private final List<Long> rootThreadSerials = new ArrayList<>();
    private final Map<Long, Long> threadBySerial = new HashMap<>();
    private final Map<Long, byte[]> markerBodies = new HashMap<>();
    private long markerClassId;

    // the backward search: node index by object id, and per node where it leads
    private final LongIntMap nodes;
    private long[] nodeId = new long[1024];
    private long[] nodeNext = new long[1024];
    private long[] nodeType = new long[1024];
    private long[] edgeAux = new long[1024];
    private byte[] nodeKind = new byte[1024];
    private byte[] edgeKind = new byte[1024];
    private int nodeCount;

    private HeapPathFinder(Path dump, Limits limits) {
        this.dump = dump;
        this.limits = limits;
        this.deadline = System.nanoTime() + limits.time().toNanos();
        this.nodes = new LongIntMap(1 << 16);
    }

    /**
     * Traces every marked loader in the dump.
     *
     * @return per marker key, the lines of its path, or one line saying why none was found
     */
    public static Map<Long, List<String>> trace(Path dump, Limits limits) throws IOException {
        return new HeapPathFinder(dump, limits).run();
    }

    private Map<Long, List<String>> run() throws IOException {
        index();
        Map<Long, Long> targets = new LinkedHashMap<>();   // loader id -> marker key
        for (Map.Entry<Long, byte[]> marker : markerBodies.entrySet()) {
            long[] fields = markerFields(marker.getValue());
            targets.put(fields[0], fields[1]);
        }
        Map<Long, List<String>> result = new LinkedHashMap<>();
        if (targets.isEmpty()) {
            return result;
        }
        LongIntMap frontier = new LongIntMap(64);
        for (long loader : targets.keySet()) {
            addNode(loader, 0, NODE_TARGET, loader, (byte) 0, 0);
            frontier.put(loader, 0);
        }
        Map<Long, Long> found = new LinkedHashMap<>();   // loader id -> root id
        checkRoots(0, found);
        String stop = null;
        int depth = 0;
        while (found.size() < targets.size()) {
            if (frontier.size() == 0) {
                stop = "no further referrer: only weak or unreachable references remain";
                break;
            }
            if (++depth > limits.maxDepth()) {
                stop = "no GC root within " + limits.maxDepth() + " references";
                break;
            }
            if (System.nanoTime() > deadline) {
                stop = "the time limit (" + limits.time().toSeconds() + " s) ran out at depth " + depth;
                break;
            }
            int before = nodeCount;
            LongIntMap next = new LongIntMap(Math.max(64, frontier.size()));
            boolean full = !backwardPass(frontier, next);
            checkRoots(before, found);
            frontier = next;
            if (full) {
                stop = "the node limit (" + limits.maxNodes() + " objects) was reached at depth " + depth;
                break;
            }
        }
        Map<Long, String> threadNames = threadNames(found);
        for (Map.Entry<Long, Long> target : targets.entrySet()) {
            Long root = found.get(target.getKey());
            result.put(target.getValue(), root == null
                    ? List.of("no path to a GC root found: " + (stop == null ? "search ended" : stop))
                    : render(root, threadNames));
        }
        return result;
    }

    // ---- pass 0: strings, class names, class layouts, roots, markers

    private void index() throws IOException {
        try (HprofInput in = open()) {
            while (in.more()) {
                int tag = in.u1();
                in.u4();
                long length = in.u4();
                if (tag == HprofTags.UTF8) {
                    long id = in.id();
                    int size = (int) (length - in.idSize());
                    if (stringChars + size <= MAX_STRING_CHARS) {
                        byte[] bytes = new byte[size];
                        in.read(bytes, size);
                        strings.put(id, new String(bytes, StandardCharsets.UTF_8));
                        stringChars += size;
                    } else {
                        in.skip(size);
                    }
                } else if (tag == HprofTags.LOAD_CLASS) {
                    in.u4();
                    long classId = in.id();
                    in.u4();
                    long nameId = in.id();
                    classNameIds.put(classId, nameId);
                    if (MARKER_CLASS.equals(className(classId))) {
                        markerClassId = classId;
                    }
                } else if (tag == HprofTags.HEAP_DUMP || tag == HprofTags.HEAP_DUMP_SEGMENT) {
                    indexSegment(in, in.position() + length);
                } else {
                    in.skip(length);
                }
            }
        }
    }

    private void indexSegment(HprofInput in, long end) throws IOException {
        while (in.position() < end) {
            int tag = in.u1();
            switch (tag) {
                case HprofTags.CLASS_DUMP:
                    readClass(in);
                    break;
                case HprofTags.INSTANCE_DUMP: {
                    long id = in.id();
                    in.u4();
                    long classId = in.id();
                    int size = (int) in.u4();
                    if (classId == markerClassId && markerClassId != 0) {
                        byte[] body = new byte[size];
                        in.read(body, size);
                        markerBodies.put(id, body);
                    } else {
                        in.skip(size);
                    }
                    break;
                }
                case HprofTags.OBJECT_ARRAY_DUMP: {
                    in.skipObjectArray();
                    break;
                }
                case HprofTags.PRIMITIVE_ARRAY_DUMP: {
                    in.skipPrimitiveArray();
                    break;
                }
                default:
                    readRoot(tag, in);
            }
        }
    }

    private void readRoot(int tag, HprofInput in) throws IOException {
        long id = in.id();
        String kind;
        long thread = -1;
        switch (tag) {
            case HprofTags.ROOT_UNKNOWN: kind = "unknown root"; break;
            case HprofTags.ROOT_JNI_GLOBAL: in.id(); kind = "JNI global reference"; break;
            case HprofTags.ROOT_JNI_LOCAL: thread = in.u4(); in.u4(); kind = "JNI local reference"; break;
            case HprofTags.ROOT_JAVA_FRAME: thread = in.u4(); in.u4(); kind = "local variable"; break;
            case HprofTags.ROOT_NATIVE_STACK: thread = in.u4(); kind = "native stack"; break;
            case HprofTags.ROOT_STICKY_CLASS: kind = "system class"; break;
            case HprofTags.ROOT_THREAD_BLOCK: thread = in.u4(); kind = "thread block"; break;
            case HprofTags.ROOT_MONITOR_USED: kind = "monitor in use"; break;
            case HprofTags.ROOT_THREAD_OBJECT: {
                long serial = in.u4();
                in.u4();
                threadBySerial.put(serial, id);
                thread = serial;
                kind = "running thread";
                break;
            }
            default:
                throw new IOException("unknown HPROF heap record " + tag + " at byte " + in.position());
        }
        if (!roots.contains(id)) {
            roots.put(id, rootKinds.size());
            rootKinds.add(kind);
            rootThreadSerials.add(thread);
        }
    }

    private void readClass(HprofInput in) throws IOException {
        long start = in.position() - 1;
        ClassInfo info = new ClassInfo();
        info.id = in.id();
        in.u4();
        info.superId = in.id();
        info.loaderId = in.id();
        info.signersId = in.id();
        info.domainId = in.id();
        in.id();
        in.id();
        in.u4();
        int constants = in.u2();
        for (int i = 0; i < constants; i++) {
            in.u2();
            in.skip(in.sizeOf(in.u1()));
        }
        int statics = in.u2();
        List<long[]> staticRefs = new ArrayList<>();
        for (int i = 0; i < statics; i++) {
            long nameId = in.id();
            int type = in.u1();
            if (type == HprofTags.OBJECT) {
                staticRefs.add(new long[] {nameId, in.id()});
            } else {
                in.skip(in.sizeOf(type));
            }
        }
        info.staticRefs = staticRefs.toArray(new long[0][]);
        int fields = in.u2();
        info.fieldNames = new long[fields];
        info.fieldTypes = new int[fields];
        for (int i = 0; i < fields; i++) {
            info.fieldNames[i] = in.id();
            info.fieldTypes[i] = in.u1();
        }
        info.dumpLength = in.position() - start;
        classes.put(info.id, info);
    }

    // ---- the backward passes

    /** One step backwards: every object referring to the frontier becomes a node. False when the node limit hit. */
    private boolean backwardPass(LongIntMap frontier, LongIntMap next) throws IOException {
        try (HprofInput in = open()) {
            while (in.more()) {
                int tag = in.u1();
                in.u4();
                long length = in.u4();
                if (tag != HprofTags.HEAP_DUMP && tag != HprofTags.HEAP_DUMP_SEGMENT) {
                    in.skip(length);
                    continue;
                }
                long end = in.position() + length;
                byte[] body = new byte[256];
                while (in.position() < end) {
                    if (nodeCount >= limits.maxNodes()) {
                        return false;
                    }
                    int sub = in.u1();
                    switch (sub) {
                        case HprofTags.CLASS_DUMP: {
                            long id = in.id();
                            ClassInfo info = classes.get(id);
                            in.skip(info.dumpLength - 1 - in.idSize());
                            if (id != markerClassId && !nodes.contains(id)) {
                                classReferrer(info, frontier, next);
                            }
                            break;
                        }
                        case HprofTags.INSTANCE_DUMP: {
                            long id = in.id();
                            in.u4();
                            long classId = in.id();
                            int size = (int) in.u4();
                            if (body.length < size) {
                                body = new byte[Math.max(size, body.length * 2)];
                            }
                            in.read(body, size);
                            if (classId != markerClassId && !nodes.contains(id)) {
                                instanceReferrer(id, classId, body, in.idSize(), frontier, next);
                            }
                            break;
                        }
                        case HprofTags.OBJECT_ARRAY_DUMP: {
                            long id = in.id();
                            in.u4();
                            long count = in.u4();
                            long arrayClass = in.id();
                            boolean seen = nodes.contains(id);
                            for (long i = 0; i < count; i++) {
                                long element = in.id();
                                if (!seen && element != 0 && frontier.contains(element)) {
                                    addNode(id, element, NODE_ARRAY, arrayClass, EDGE_ELEMENT, i);
                                    next.put(id, 0);
                                    seen = true;
                                }
                            }
                            break;
                        }
                        case HprofTags.PRIMITIVE_ARRAY_DUMP: {
                            in.skipPrimitiveArray();
                            break;
                        }
                        default:
                            skipRoot(sub, in);
                    }
                }
            }
        }
        return true;
    }

    private void classReferrer(ClassInfo info, LongIntMap frontier, LongIntMap next) {
        long id = info.id;
        if (frontier.contains(info.loaderId)) {
            addNode(id, info.loaderId, NODE_CLASS, id, EDGE_LOADER, 0);
        } else if (frontier.contains(info.superId)) {
            addNode(id, info.superId, NODE_CLASS, id, EDGE_SUPER, 0);
        } else if (frontier.contains(info.domainId)) {
            addNode(id, info.domainId, NODE_CLASS, id, EDGE_DOMAIN, 0);
        } else if (frontier.contains(info.signersId)) {
            addNode(id, info.signersId, NODE_CLASS, id, EDGE_SIGNERS, 0);
        } else {
            for (long[] ref : info.staticRefs) {
                if (ref[1] != 0 && frontier.contains(ref[1])) {
                    addNode(id, ref[1], NODE_CLASS, id, EDGE_STATIC, ref[0]);
                    break;
                }
            }
        }
        if (nodes.contains(id)) {
            next.put(id, 0);
        }
    }

    private void instanceReferrer(long id, long classId, byte[] body, int idSize, LongIntMap frontier,
            LongIntMap next) {
        if (frontier.contains(classId)) {
            addNode(id, classId, NODE_INSTANCE, classId, EDGE_CLASS_OF, 0);
            next.put(id, 0);
            return;
        }
        long[] layout = layout(classId);
        for (int i = 0; i < layout.length; i += 2) {
            long ref = readId(body, (int) layout[i], idSize);
            if (ref != 0 && frontier.contains(ref)) {
                addNode(id, ref, NODE_INSTANCE, classId, EDGE_FIELD, layout[i + 1]);
                next.put(id, 0);
                return;
            }
        }
    }

    /** Offsets and name ids of the reference fields of an instance of this class (referents left out). */
    private long[] layout(long classId) {
        ClassInfo info = classes.get(classId);
        if (info == null) {
            return new long[0];
        }
        if (info.layout == null) {
            List<Long> result = new ArrayList<>();
            int offset = 0;
            for (ClassInfo c = info; c != null; c = classes.get(c.superId)) {
                boolean reference = "java.lang.ref.Reference".equals(className(c.id));
                for (int f = 0; f < c.fieldNames.length; f++) {
                    int size = c.fieldTypes[f] == HprofTags.OBJECT ? idSize : primitiveSize(c.fieldTypes[f]);
                    String name = strings.get(c.fieldNames[f]);
                    if (c.fieldTypes[f] == HprofTags.OBJECT
                            && !(reference && ("referent".equals(name) || "discovered".equals(name)))) {
                        result.add((long) offset);
                        result.add(c.fieldNames[f]);
                    }
                    offset += size;
                }
            }
            info.layout = result.stream().mapToLong(Long::longValue).toArray();
        }
        return info.layout;
    }

    /** Size of object ids in this dump (4 or 8), read from its header. */
    private int idSize = 8;

    private static int primitiveSize(int type) {
        switch (type) {
            case HprofTags.BOOLEAN: case HprofTags.BYTE: return 1;
            case HprofTags.CHAR: case HprofTags.SHORT: return 2;
            case HprofTags.FLOAT: case HprofTags.INT: return 4;
            default: return 8;
        }
    }

    private static long readId(byte[] body, int offset, int idSize) {
        long value = 0;
        for (int i = 0; i < idSize; i++) {
            value = (value << 8) | (body[offset + i] & 0xff);
        }
        return value;
    }

    private void skipRoot(int tag, HprofInput in) throws IOException {
        in.id();
        switch (tag) {
            case HprofTags.ROOT_JNI_GLOBAL: in.id(); break;
            case HprofTags.ROOT_JNI_LOCAL: case HprofTags.ROOT_JAVA_FRAME: case HprofTags.ROOT_THREAD_OBJECT:
                in.u4();
                in.u4();
                break;
            case HprofTags.ROOT_NATIVE_STACK: case HprofTags.ROOT_THREAD_BLOCK: in.u4(); break;
            case HprofTags.ROOT_UNKNOWN: case HprofTags.ROOT_STICKY_CLASS: case HprofTags.ROOT_MONITOR_USED: break;
            default: throw new IOException("unknown HPROF heap record " + tag + " at byte " + in.position());
        }
    }

    private void addNode(long id, long nextId, byte kind, long type, byte edge, long aux) {
        if (nodeCount == nodeId.length) {
            int size = nodeId.length * 2;
            nodeId = Arrays.copyOf(nodeId, size);
            nodeNext = Arrays.copyOf(nodeNext, size);
            nodeType = Arrays.copyOf(nodeType, size);
            edgeAux = Arrays.copyOf(edgeAux, size);
            nodeKind = Arrays.copyOf(nodeKind, size);
            edgeKind = Arrays.copyOf(edgeKind, size);
        }
        nodes.put(id, nodeCount);
        nodeId[nodeCount] = id;
        nodeNext[nodeCount] = nextId;
        nodeType[nodeCount] = type;
        nodeKind[nodeCount] = kind;
        edgeKind[nodeCount] = edge;
        edgeAux[nodeCount] = aux;
        nodeCount++;
    }

    /** Nodes from index {@code from} on that are GC roots: the first one per loader is its shortest path. */
    private void checkRoots(int from, Map<Long, Long> found) {
        for (int n = from; n < nodeCount; n++) {
            if (roots.contains(nodeId[n])) {
                long target = targetOf(n);
                found.putIfAbsent(target, nodeId[n]);
            }
        }
    }

    private long targetOf(int node) {
        int n = node;
        while (nodeKind[n] != NODE_TARGET) {
            n = nodes.get(nodeNext[n]);
        }
        return nodeId[n];
    }

    // ---- rendering

    private List<String> render(long root, Map<Long, String> threadNames) {
        List<String> lines = new ArrayList<>();
        int rootIndex = roots.get(root);
        long serial = rootThreadSerials.get(rootIndex);
        Long thread = serial < 0 ? null : threadBySerial.get(serial);
        String threadName = thread == null ? null : threadNames.get(thread);
        lines.add("GC root: " + rootKinds.get(rootIndex)
                + (thread == null ? "" : " of thread " + (threadName == null ? "#" + serial : "\"" + threadName + "\"")));
        int n = nodes.get(root);
        while (nodeKind[n] != NODE_TARGET) {
            lines.add("  " + describe(n) + " " + edge(n) + " ->");
            n = nodes.get(nodeNext[n]);
        }
        lines.add("  " + describe(n) + " of the removed revision");
        return lines;
    }

    private String describe(int n) {
        switch (nodeKind[n]) {
            case NODE_CLASS: return "class " + className(nodeId[n]);
            case NODE_ARRAY: return "an array " + className(nodeType[n]);
            default:
                return nodeKind[n] == NODE_TARGET ? "the class loader" : "a " + className(nodeType[n]);
        }
    }

    private String edge(int n) {
        switch (edgeKind[n]) {
            case EDGE_FIELD: return "field " + string(edgeAux[n]);
            case EDGE_STATIC: return "static field " + string(edgeAux[n]);
            case EDGE_CLASS_OF: return "(its class)";
            case EDGE_LOADER: return "(its class loader)";
            case EDGE_SUPER: return "(its superclass)";
            case EDGE_ELEMENT: return "element [" + edgeAux[n] + "]";
            case EDGE_DOMAIN: return "(its protection domain)";
            case EDGE_SIGNERS: return "(its signers)";
            default: return "";
        }
    }

    private String string(long id) {
        String s = strings.get(id);
        return s == null ? "?" : s;
    }

    private String className(long classId) {
        Long nameId = classNameIds.get(classId);
        if (nameId == null) {
            return "(unknown class)";
        }
        String raw = strings.get(nameId);
        if (raw == null) {
            return "(unknown class)";
        }
        return javaName(raw);
    }

    /** {@code java/lang/Object} and {@code [Ljava/lang/Object;} as Java writes them. */
    static String javaName(String internal) {
        int dims = 0;
        while (dims < internal.length() && internal.charAt(dims) == '[') {
            dims++;
        }
        String base = internal.substring(dims);
        if (dims > 0) {
            if (base.startsWith("L") && base.endsWith(";")) {
                base = base.substring(1, base.length() - 1);
            } else {
                switch (base) {
                    case "Z": base = "boolean"; break;
                    case "B": base = "byte"; break;
                    case "C": base = "char"; break;
                    case "S": base = "short"; break;
                    case "I": base = "int"; break;
                    case "J": base = "long"; break;
                    case "F": base = "float"; break;
                    case "D": base = "double"; break;
                    default: break;
                }
            }
        }
        return base.replace('/', '.') + "[]".repeat(dims);
    }

    // ---- thread names: Thread.name -> String.value (+ coder) -> byte[]

    private Map<Long, String> threadNames(Map<Long, Long> found) throws IOException {
        Map<Long, Long> wanted = new HashMap<>();   // thread object id -> name string id
        for (long root : found.values()) {
            long serial = rootThreadSerials.get(roots.get(root));
            Long thread = serial < 0 ? null : threadBySerial.get(serial);
            if (thread != null) {
                wanted.put(thread, 0L);
            }
        }
        Map<Long, String> names = new HashMap<>();
        if (wanted.isEmpty() || System.nanoTime() > deadline) {
            return names;
        }
        Map<Long, long[]> fields = instanceFields(wanted.keySet(), "name");
        Map<Long, Long> nameStrings = new HashMap<>();
        fields.forEach((thread, values) -> nameStrings.put(thread, values[0]));
        Map<Long, long[]> stringFields = instanceFields(new HashSet<>(nameStrings.values()), "value", "coder");
        Map<Long, Long> arrays = new HashMap<>();
        stringFields.forEach((s, values) -> arrays.put(s, values[0]));
        Map<Long, byte[]> bytes = primitiveArrays(new HashSet<>(arrays.values()));
        for (Map.Entry<Long, Long> thread : nameStrings.entrySet()) {
            long[] string = stringFields.get(thread.getValue());
            byte[] value = string == null ? null : bytes.get(string[0]);
            if (value != null) {
                names.put(thread.getKey(), string[1] == 0 ? new String(value, StandardCharsets.ISO_8859_1)
                        : new String(value, ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN
                                ? StandardCharsets.UTF_16LE : StandardCharsets.UTF_16BE));
            }
        }
        return names;
    }

    /** For each instance id wanted, the values of the named fields (references as ids, bytes as numbers). */
    private Map<Long, long[]> instanceFields(Set<Long> ids, String... fieldNames) throws IOException {
        Map<Long, long[]> result = new HashMap<>();
        if (ids.isEmpty()) {
            return result;
        }
        try (HprofInput in = open()) {
            forEachHeapRecord(in, (sub, input) -> {
                if (sub != HprofTags.INSTANCE_DUMP) {
                    return false;
                }
                long id = input.id();
                input.u4();
                long classId = input.id();
                int size = (int) input.u4();
                if (!ids.contains(id)) {
                    input.skip(size);
                    return true;
                }
                byte[] body = new byte[size];
                input.read(body, size);
                long[] values = new long[fieldNames.length];
                int offset = 0;
                for (ClassInfo c = classes.get(classId); c != null; c = classes.get(c.superId)) {
                    for (int f = 0; f < c.fieldNames.length; f++) {
                        int type = c.fieldTypes[f];
                        int fieldSize = type == HprofTags.OBJECT ? input.idSize() : primitiveSize(type);
                        String name = strings.get(c.fieldNames[f]);
                        for (int w = 0; w < fieldNames.length; w++) {
                            if (fieldNames[w].equals(name) && values[w] == 0) {
                                values[w] = type == HprofTags.OBJECT ? readId(body, offset, input.idSize())
                                        : readId(body, offset, fieldSize);
                            }
                        }
                        offset += fieldSize;
                    }
                }
                result.put(id, values);
                return true;
            });
        }
        return result;
    }

    private Map<Long, byte[]> primitiveArrays(Set<Long> ids) throws IOException {
        Map<Long, byte[]> result = new HashMap<>();
        if (ids.isEmpty()) {
            return result;
        }
        try (HprofInput in = open()) {
            forEachHeapRecord(in, (sub, input) -> {
                if (sub != HprofTags.PRIMITIVE_ARRAY_DUMP) {
                    return false;
                }
                long id = input.id();
                input.u4();
                long count = input.u4();
                int type = input.u1();
                long size = count * input.sizeOf(type);
                if (ids.contains(id) && size <= 4096) {
                    byte[] bytes = new byte[(int) size];
                    input.read(bytes, (int) size);
                    result.put(id, bytes);
                } else {
                    input.skip(size);
                }
                return true;
            });
        }
        return result;
    }

    /** A handler of one heap sub-record; returns false to have it skipped by the walker. */
    private interface SubRecord {
        boolean handle(int tag, HprofInput in) throws IOException;
    }

    private void forEachHeapRecord(HprofInput in, SubRecord handler) throws IOException {
        while (in.more()) {
            int tag = in.u1();
            in.u4();
            long length = in.u4();
            if (tag != HprofTags.HEAP_DUMP && tag != HprofTags.HEAP_DUMP_SEGMENT) {
                in.skip(length);
                continue;
            }
            long end = in.position() + length;
            while (in.position() < end) {
                int sub = in.u1();
                if (handler.handle(sub, in)) {
                    continue;
                }
                switch (sub) {
                    case HprofTags.CLASS_DUMP: {
                        ClassInfo info = classes.get(in.id());
                        in.skip(info.dumpLength - 1 - in.idSize());
                        break;
                    }
                    case HprofTags.INSTANCE_DUMP: {
                        in.id();
                        in.u4();
                        in.id();
                        in.skip(in.u4());
                        break;
                    }
                    case HprofTags.OBJECT_ARRAY_DUMP: {
                        in.skipObjectArray();
                        break;
                    }
                    case HprofTags.PRIMITIVE_ARRAY_DUMP: {
                        in.skipPrimitiveArray();
                        break;
                    }
                    default:
                        skipRoot(sub, in);
                }
            }
        }
    }

    // ---- markers and input

    /** The marker's target loader id and key, from its instance body. */
    private long[] markerFields(byte[] body) {
        ClassInfo info = classes.get(markerClassId);
        long target = 0;
        long key = 0;
        int offset = 0;
        for (int f = 0; f < info.fieldNames.length; f++) {
            String name = strings.get(info.fieldNames[f]);
            int type = info.fieldTypes[f];
            int size = type == HprofTags.OBJECT ? idSize : primitiveSize(type);
            if ("target".equals(name)) {
                target = readId(body, offset, idSize);
            } else if ("key".equals(name)) {
                key = readId(body, offset, 8);
            }
            offset += size;
        }
        return new long[] {target, key};
    }

    private HprofInput open() throws IOException {
        HprofInput in = new HprofInput(new BufferedInputStream(Files.newInputStream(dump), 1 << 16));
        StringBuilder header = new StringBuilder();
        for (int c = in.u1(); c != 0; c = in.u1()) {
            header.append((char) c);
            if (header.length() > 64) {
                break;
            }
        }
        if (!header.toString().startsWith("JAVA PROFILE")) {
            in.close();
            throw new IOException(dump + " is not an HPROF heap dump");
        }
        in.idSize((int) in.u4());
        idSize = in.idSize();
        in.u8();
        return in;
    }

    /** What a CLASS DUMP record says, less the constant pool. */
    private static final class ClassInfo {
        long id;
        long superId;
        long loaderId;
        long signersId;
        long domainId;
        long[][] staticRefs;
        long[] fieldNames;
        int[] fieldTypes;
        long dumpLength;
        long[] layout;
    }
}
