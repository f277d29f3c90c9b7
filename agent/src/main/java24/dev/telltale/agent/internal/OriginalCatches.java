package dev.telltale.agent.internal;

import java.lang.classfile.CodeBuilder;
import java.lang.classfile.Label;
import java.lang.classfile.instruction.ExceptionCatch;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * A method's own exception table, held back while {@link HookedCode} weaves and written again at
 * the end so that no entry covers the code the rewriter injected: an entry that spans an injected
 * block is split around it. javac never lets a handler cover a return, but other compilers may,
 * and a handler of the target must not catch what a hook throws (nor run around a hook at all).
 * The entries keep their order, so the method's handlers still come before the rewriter's own.
 *
 * <p>It knows where everything sits by the order in which labels are bound and by how many
 * instructions came before each one; a piece that would cover no instruction is left out.
 *
 * <p>Not thread-safe: one instance per method per rewrite.
 */
final class OriginalCatches {

    /** Per bound label: the order it was bound in, and the instructions emitted before it. */
    private final Map<Label, int[]> marks = new IdentityHashMap<>();
    private final List<ExceptionCatch> held = new ArrayList<>();
    private final List<Label> blocks = new ArrayList<>();
    private int bound;
    private int instructions;

    void hold(ExceptionCatch entry) {
        held.add(entry);
    }

    /** {@code label} was bound here. */
    void bound(Label label) {
        marks.put(label, new int[] {bound++, instructions});
    }

    /** An instruction (of the method, or injected) was emitted here. */
    void instruction() {
        instructions++;
    }

    /** The injected code lies between these two bound labels. */
    void injected(Label start, Label end) {
        blocks.add(start);
        blocks.add(end);
    }

    /** Writes the held entries, in their order, split around the injected blocks they span. */
    void writeTo(CodeBuilder code) {
        for (ExceptionCatch entry : held) {
            int[] start = marks.get(entry.tryStart());
            int[] end = marks.get(entry.tryEnd());
            if (start == null || end == null) {
                code.with(entry); // labels this weave never saw bound: nothing of ours inside
                continue;
            }
            Label from = entry.tryStart();
            for (int i = 0; i < blocks.size(); i += 2) {
                Label blockStart = blocks.get(i);
                Label blockEnd = blocks.get(i + 1);
                if (marks.get(blockStart)[0] >= start[0] && marks.get(blockEnd)[0] <= end[0]) {
                    piece(code, entry, from, blockStart);
                    from = blockEnd;
                }
            }
            piece(code, entry, from, entry.tryEnd());
        }
    }

    private void piece(CodeBuilder code, ExceptionCatch entry, Label from, Label to) {
        if (marks.get(to)[1] > marks.get(from)[1]) {
            code.exceptionCatch(from, to, entry.handler(), entry.catchType());
        }
    }
}
