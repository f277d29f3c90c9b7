package dev.telltale.agent.internal;

import java.lang.classfile.CodeBuilder;
import java.lang.classfile.CodeElement;
import java.lang.classfile.CodeModel;
import java.lang.classfile.CodeTransform;
import java.lang.classfile.Instruction;
import java.lang.classfile.Label;
import java.lang.classfile.MethodModel;
import java.lang.classfile.Opcode;
import java.lang.classfile.TypeKind;
import java.lang.classfile.instruction.ExceptionCatch;
import java.lang.classfile.instruction.InvokeInstruction;
import java.lang.classfile.instruction.LabelTarget;
import java.lang.classfile.instruction.LineNumber;
import java.lang.classfile.instruction.NewObjectInstruction;
import java.lang.classfile.instruction.ReturnInstruction;
import java.lang.classfile.instruction.StoreInstruction;
import java.lang.constant.ConstantDescs;
import java.lang.reflect.AccessFlag;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * Weaves one {@link MethodHook} into one method body, in the shape {@link Rewriter} promises:
 * <pre>
 *   [enter]              long start = Hooks.enter...(site...)   (constructors: after super/this)
 *   [range]  original code up to a return
 *            Hooks.exit...(site, start...)                      (not in the range)
 *            xRETURN
 *   [range]  original code up to the next return ...
 *   handler: Hooks.fail...(site, start..., error); throw error  (catch-all over the ranges only)
 * </pre>
 * A full hook outside a constructor first stores null into each slot above the parameters that
 * the method stores a reference into ({@link HookCalls#nullLocals}), so that the handler's frame
 * types those slots as references and the fail hook's snapshot can read them. Every original
 * element passes through untouched, so line numbers and local variable tables
 * stay; the method's own exception table comes first, so its handlers still win, and is split
 * around the injected code where it would cover it ({@link OriginalCatches}). The calls
 * themselves and their locals are {@link HookCalls}'. A range holding no instruction gets no
 * handler entry, and a method whose ranges are all empty gets no handler at all.
 *
 * <p>In a constructor the {@code super(...)}/{@code this(...)} call is the first {@code
 * invokespecial <init>} not matched by an earlier {@code new}: javac and the other usual compilers
 * put each {@code new} before the constructor call that initializes it, nested in order.
 *
 * <p>Not thread-safe: one instance per method per rewrite.
 */
final class HookedCode implements CodeTransform {

    private final HookCalls calls;
    private final boolean isConstructor;
    private final int firstLine;
    private final BitSet referenceSlots;

    private boolean entered;
    private int unmatchedNews;
    private Label rangeStart;
    private boolean rangeHasCode;
    private final List<Label> ranges = new ArrayList<>();
    private final OriginalCatches catches = new OriginalCatches();

    HookedCode(MethodModel method, MethodHook hook) {
        this.calls = new HookCalls(hook, method.methodTypeSymbol(), method.flags().has(AccessFlag.STATIC));
        this.isConstructor = method.methodName().equalsString(ConstantDescs.INIT_NAME);
        this.firstLine = method.code().map(HookedCode::firstLine).orElse(-1);
        this.referenceSlots = hook.full() && !isConstructor
                ? method.code().map(HookedCode::referenceSlots).orElseGet(BitSet::new)
                : new BitSet();
    }

    @Override
    public void atStart(CodeBuilder code) {
        if (!isConstructor) {
            if (firstLine > 0) {
                code.lineNumber(firstLine); // the entry hook shows on the method's first line
            }
            calls.nullLocals(code, referenceSlots);
            enter(code);
        }
    }

    @Override
    public void accept(CodeBuilder code, CodeElement element) {
        if (element instanceof ExceptionCatch entry) {
            catches.hold(entry); // written again at the end, around the injected code
        } else if (!entered) {
            pass(code, element);
            if (element instanceof NewObjectInstruction) {
                unmatchedNews++;
            } else if (element instanceof InvokeInstruction call
                    && call.opcode() == Opcode.INVOKESPECIAL
                    && call.name().equalsString(ConstantDescs.INIT_NAME)) {
                if (unmatchedNews > 0) {
                    unmatchedNews--;
                } else {
                    Label blockStart = mark(code);
                    enter(code);
                    catches.injected(blockStart, rangeStart);
                }
            }
        } else if (element instanceof ReturnInstruction ret) {
            Label blockStart = mark(code);
            closeRange(blockStart);
            calls.exit(code);
            catches.instruction();
            catches.injected(blockStart, mark(code));
            pass(code, ret);
            openRange(code);
        } else {
            pass(code, element);
            rangeHasCode |= element instanceof Instruction;
        }
    }

    @Override
    public void atEnd(CodeBuilder code) {
        if (!entered) {
            throw new IllegalStateException("no super(...) or this(...) call to hook after");
        }
        closeRange(mark(code));
        catches.writeTo(code);
        if (ranges.isEmpty()) {
            return;
        }
        Label handler = code.newBoundLabel();
        calls.failAndRethrow(code);
        for (int i = 0; i < ranges.size(); i += 2) {
            code.exceptionCatchAll(ranges.get(i), ranges.get(i + 1), handler);
        }
    }

    /** Passes an element of the method on, noting where labels and instructions fall. */
    private void pass(CodeBuilder code, CodeElement element) {
        code.with(element);
        if (element instanceof LabelTarget target) {
            catches.bound(target.label());
        } else if (element instanceof Instruction) {
            catches.instruction();
        }
    }

    private Label mark(CodeBuilder code) {
        Label here = code.newBoundLabel();
        catches.bound(here);
        return here;
    }

    private void enter(CodeBuilder code) {
        calls.enter(code);
        catches.instruction();
        entered = true;
        openRange(code);
    }

    private void openRange(CodeBuilder code) {
        rangeStart = mark(code);
        rangeHasCode = false;
    }

    private void closeRange(Label end) {
        if (rangeHasCode) {
            ranges.add(rangeStart);
            ranges.add(end);
        }
        rangeHasCode = false;
    }

    /** The slots the method stores a reference into ({@code astore}, {@code wide astore}). */
    private static BitSet referenceSlots(CodeModel body) {
        BitSet slots = new BitSet();
        for (CodeElement element : body) {
            if (element instanceof StoreInstruction store && store.typeKind() == TypeKind.REFERENCE) {
                slots.set(store.slot());
            }
        }
        return slots;
    }

    /** The line of the method's first instruction, or -1 without line numbers. */
    private static int firstLine(CodeModel body) {
        for (CodeElement element : body) {
            if (element instanceof LineNumber line) {
                return line.line();
            }
            if (element instanceof Instruction) {
                return -1;
            }
        }
        return -1;
    }
}
