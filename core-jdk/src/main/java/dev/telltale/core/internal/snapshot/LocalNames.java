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
 * once, only its methods' tables are kept, and at most {@value #CACHED_CLASSES} classes are
 * remembered. Thread-safe (synchronized); never throws but fatally: a class whose file cannot be
 * read or parsed has no names.
 */
final class LocalNames {

    static final int CACHED_CLASSES = 128;

    /** One table entry, a variable: slot {@code index} is named {@code name} for bytecode indexes [start, end). */
    record Variable(int start, int end, int index, String name) {}

    private final Map<Class<?>, Map<String, List<Variable>>> cache = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Class<?>, Map<String, List<Variable>>> eldest) {
            return size() > CACHED_CLASSES;
        }
    };

    /**
     * The name of each slot in scope at {@code bci} in method {@code name + descriptor} of
     * {@code type}, by slot index; empty when unknown.
     */
    Map<Integer, String> at(Class<?> type, String name, String descriptor, int bci) {
        Map<String, List<Variable>> methods;
        synchronized (this) {
            methods = cache.get(type);
            if (methods == null) {
                methods = read(type);
                cache.put(type, methods);
            }
        }
        Map<Integer, String> out = new HashMap<>();
        for (Variable e : methods.getOrDefault(name + descriptor, List.of())) {
            if (bci >= e.start() && bci < e.end()) {
                out.put(e.index(), e.name());
            }
        }
        return out;
    }

    private static Map<String, List<Variable>> read(Class<?> type) {
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

    /** Parses a class file (JVMS chapter 4) as far as its methods' local variable tables. */
    static Map<String, List<Variable>> parse(DataInputStream in) throws IOException {
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
        Map<String, List<Variable>> out = new HashMap<>();
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
                skip(in, 4); // max stack, max locals
                skip(in, in.readInt()); // code
                skip(in, 8 * in.readUnsignedShort()); // exception table
                int codeAttributes = in.readUnsignedShort();
                for (int c = 0; c < codeAttributes; c++) {
                    String codeName = utf8[in.readUnsignedShort()];
                    int codeLength = in.readInt();
                    if (!"LocalVariableTable".equals(codeName)) {
                        skip(in, codeLength);
                        continue;
                    }
                    int entries = in.readUnsignedShort();
                    List<Variable> list = out.computeIfAbsent(key, k -> new ArrayList<>());
                    for (int e = 0; e < entries; e++) {
                        int start = in.readUnsignedShort();
                        int length2 = in.readUnsignedShort();
                        String local = utf8[in.readUnsignedShort()];
                        in.readUnsignedShort(); // descriptor
                        list.add(new Variable(start, start + length2, in.readUnsignedShort(), local));
                    }
                }
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
