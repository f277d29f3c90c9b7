package dev.telltale.core.internal.snapshot;

import dev.telltale.internal.Fatal;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Names of local variable slots from a class file's {@code LocalVariableTable} (present when the
 * class was compiled with {@code -g}, as Maven and Gradle do by default). A class file is read
 * once, only its methods' tables (variables, line numbers, slot count) are kept, and at most
 * {@value #CACHED_CLASSES} classes are remembered. The file read is the class's resource, the
 * bytecode as compiled: for a method the agent rewrote, a live frame's bytecode index is one of the
 * rewritten code, so {@link #at(Class, String, String, int, int)} places it by its source line
 * instead. Thread-safe (synchronized); never throws but fatally: a class whose file cannot be read
 * or parsed has no names.
 */
final class LocalNames {

    static final int CACHED_CLASSES = 128;

    /**
     * One table entry, a variable: slot {@code index} is named {@code name} for bytecode indexes
     * [start, end), of type {@code descriptor} ({@code I}, {@code Ljava/lang/String;}, ...).
     */
    record Variable(int start, int end, int index, String name, String descriptor) {}

    /** One line number table entry: the code from bytecode index {@code start} on is source line {@code line}. */
    record Line(int start, int line) {}

    /**
     * What a class file says of one method: its variables, its line numbers (both empty when the
     * file has no tables), how many local slots its code uses ({@code maxLocals}) and its length.
     */
    record Method(List<Variable> variables, List<Line> lines, int maxLocals, int codeLength) {

        /** The source line of bytecode index {@code bci}, or -1 when unknown. */
        int lineAt(int bci) {
            int best = -1;
            int line = -1;
            for (Line l : lines) {
                if (l.start() <= bci && l.start() > best) {
                    best = l.start();
                    line = l.line();
                }
            }
            return line;
        }

        /** The first bytecode index of source line {@code line}, or -1 when the table has none. */
        int firstIndexOf(int line) {
            int first = -1;
            for (Line l : lines) {
                if (l.line() == line && (first < 0 || l.start() < first)) {
                    first = l.start();
                }
            }
            return first;
        }
    }

    /** Slot names and type descriptors by index, and the method's slot count (-1 when unknown). */
    record Names(Map<Integer, String> bySlot, Map<Integer, String> descriptors, int maxLocals) {}

    private final Map<Class<?>, Map<String, Method>> cache = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Class<?>, Map<String, Method>> eldest) {
            return size() > CACHED_CLASSES;
        }
    };

    /**
     * The name of each slot in scope at {@code bci} in method {@code name + descriptor} of
     * {@code type}, by slot index; empty when unknown.
     */
    Map<Integer, String> at(Class<?> type, String name, String descriptor, int bci) {
        return at(type, name, descriptor, bci, -1).bySlot();
    }

    /**
     * The names of the slots in scope where a live frame of method {@code name + descriptor} of
     * {@code type} stands: at {@code bci} when the class file puts that index on source line
     * {@code line} (or {@code line} is unknown, not positive), else, the frame's code not being
     * the class file's (the agent rewrote it), at the first instruction of {@code line}: the
     * variables declared before that line, not those the line itself declares. A negative {@code
     * bci} says the frame's index means nothing in the class file's code: {@code line} decides.
     */
    Names at(Class<?> type, String name, String descriptor, int bci, int line) {
        Map<String, Method> methods;
        synchronized (this) {
            methods = cache.get(type);
            if (methods == null) {
                methods = read(type);
                cache.put(type, methods);
            }
        }
        Method m = methods.get(name + descriptor);
        if (m == null) {
            return new Names(Map.of(), Map.of(), -1);
        }
        int at = bci;
        if (line > 0 && !m.lines().isEmpty() && (bci < 0 || bci >= m.codeLength() || m.lineAt(bci) != line)) {
            int first = m.firstIndexOf(line);
            if (first >= 0) {
                at = first;
            }
        }
        Map<Integer, String> out = new HashMap<>();
        Map<Integer, String> types = new HashMap<>();
        for (Variable e : m.variables()) {
            if (at >= e.start() && at < e.end()) {
                out.put(e.index(), e.name());
                types.put(e.index(), e.descriptor());
            }
        }
        return new Names(out, types, m.maxLocals());
    }

    /** The table of method {@code name + descriptor} of {@code type}, or null; for tests. */
    Method method(Class<?> type, String name, String descriptor) {
        synchronized (this) {
            Map<String, Method> methods = cache.get(type);
            if (methods == null) {
                methods = read(type);
                cache.put(type, methods);
            }
            return methods.get(name + descriptor);
        }
    }

    private static Map<String, Method> read(Class<?> type) {
        String resource = type.getName().substring(type.getName().lastIndexOf('.') + 1) + ".class";
        try (InputStream in = type.getResourceAsStream(resource)) {
            return in == null ? Map.of() : parse(new DataInputStream(in));
        } catch (IOException | RuntimeException e) {
            return Map.of();
        } catch (Throwable t) {
            Fatal.propagateIfFatal(t);
            return Map.of();
        }
    }

    /** Parses a class file (JVMS chapter 4) as far as its methods' local variable and line number tables. */
    static Map<String, Method> parse(DataInputStream in) throws IOException {
        if (in.readInt() != 0xCAFEBABE) {
            return Map.of();
        }
        in.readUnsignedShort(); // minor
        in.readUnsignedShort(); // major
        String[] utf8 = new String[in.readUnsignedShort()];
        for (int i = 1; i < utf8.length; i++) {
            int tag = in.readUnsignedByte();
            switch (tag) {
                case 1 -> utf8[i] = in.readUTF();
                case 3, 4 -> in.readInt();
                case 5, 6 -> {
                    in.readLong();
                    i++;
                }
                case 7, 8, 16, 19, 20 -> in.readUnsignedShort();
                case 9, 10, 11, 12, 17, 18 -> in.readInt();
                case 15 -> {
                    in.readUnsignedByte();
                    in.readUnsignedShort();
                }
                default -> throw new IOException("unknown constant pool tag " + tag);
            }
        }
        in.readUnsignedShort(); // access
        in.readUnsignedShort(); // this
        in.readUnsignedShort(); // super
        skip(in, 2 * in.readUnsignedShort()); // interfaces
        int fields = in.readUnsignedShort();
        for (int i = 0; i < fields; i++) {
            skip(in, 6);
            skipAttributes(in);
        }
        Map<String, Method> out = new HashMap<>();
        int methods = in.readUnsignedShort();
        for (int i = 0; i < methods; i++) {
            in.readUnsignedShort(); // access
            String key = utf8[in.readUnsignedShort()] + utf8[in.readUnsignedShort()];
            int attributes = in.readUnsignedShort();
            for (int a = 0; a < attributes; a++) {
                String name = utf8[in.readUnsignedShort()];
                int length = in.readInt();
                if (!"Code".equals(name)) {
                    skip(in, length);
                    continue;
                }
                in.readUnsignedShort(); // max stack
                int maxLocals = in.readUnsignedShort();
                int codeLength = in.readInt();
                skip(in, codeLength); // code
                skip(in, 8 * in.readUnsignedShort()); // exception table
                List<Variable> variables = new ArrayList<>();
                List<Line> lines = new ArrayList<>();
                int codeAttributes = in.readUnsignedShort();
                for (int c = 0; c < codeAttributes; c++) {
                    String codeName = utf8[in.readUnsignedShort()];
                    int attributeLength = in.readInt();
                    if ("LocalVariableTable".equals(codeName)) {
                        int entries = in.readUnsignedShort();
                        for (int e = 0; e < entries; e++) {
                            int start = in.readUnsignedShort();
                            int length2 = in.readUnsignedShort();
                            String local = utf8[in.readUnsignedShort()];
                            String descriptor = utf8[in.readUnsignedShort()];
                            variables.add(new Variable(start, start + length2, in.readUnsignedShort(), local, descriptor));
                        }
                    } else if ("LineNumberTable".equals(codeName)) {
                        int entries = in.readUnsignedShort();
                        for (int e = 0; e < entries; e++) {
                            lines.add(new Line(in.readUnsignedShort(), in.readUnsignedShort()));
                        }
                    } else {
                        skip(in, attributeLength);
                    }
                }
                out.put(key, new Method(List.copyOf(variables), List.copyOf(lines), maxLocals, codeLength));
            }
        }
        return out;
    }

    private static void skipAttributes(DataInputStream in) throws IOException {
        int count = in.readUnsignedShort();
        for (int i = 0; i < count; i++) {
            in.readUnsignedShort();
            skip(in, in.readInt());
        }
    }

    private static void skip(DataInputStream in, int n) throws IOException {
        in.skipNBytes(n);
    }
}
