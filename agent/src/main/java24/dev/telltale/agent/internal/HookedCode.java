package dev.telltale.agent.internal;

import static java.lang.constant.ConstantDescs.CD_Boolean;
import static java.lang.constant.ConstantDescs.CD_Byte;
import static java.lang.constant.ConstantDescs.CD_Character;
import static java.lang.constant.ConstantDescs.CD_Double;
import static java.lang.constant.ConstantDescs.CD_Float;
import static java.lang.constant.ConstantDescs.CD_Integer;
import static java.lang.constant.ConstantDescs.CD_Long;
import static java.lang.constant.ConstantDescs.CD_Object;
import static java.lang.constant.ConstantDescs.CD_Short;
import static java.lang.constant.ConstantDescs.CD_Throwable;
import static java.lang.constant.ConstantDescs.CD_int;
import static java.lang.constant.ConstantDescs.CD_long;
import static java.lang.constant.ConstantDescs.CD_void;

import java.lang.classfile.CodeBuilder;
import java.lang.classfile.CodeElement;
import java.lang.classfile.CodeModel;
import java.lang.classfile.CodeTransform;
import java.lang.classfile.Instruction;
import java.lang.classfile.Label;
import java.lang.classfile.MethodModel;
import java.lang.classfile.Opcode;
import java.lang.classfile.TypeKind;
import java.lang.classfile.instruction.InvokeInstruction;
import java.lang.classfile.instruction.LineNumber;
import java.lang.classfile.instruction.NewObjectInstruction;
import java.lang.classfile.instruction.ReturnInstruction;
import java.lang.constant.ClassDesc;
import java.lang.constant.ConstantDescs;
import java.lang.constant.MethodTypeDesc;
import java.lang.reflect.AccessFlag;
import java.util.ArrayList;
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
 * Every original element passes through untouched, so line numbers, local variable tables and
 * the original exception table (which comes first, so inner handlers still win) stay. The new
 * locals sit above the method's own. A range holding no instruction gets no handler entry, and a
 * method whose ranges are all empty gets no handler at all.
 *
 * <p>In a constructor the {@code super(...)}/{@code this(...)} call is the first {@code
 * invokespecial <init>} not matched by an earlier {@code new}: javac and the other usual compilers
 * put each {@code new} before the constructor call that initializes it, nested in order.
 *
 * <p>Not thread-safe: one instance per method per rewrite.
 */
final class HookedCode implements CodeTransform {

    private static final ClassDesc HOOKS = ClassDesc.of("dev.telltale.agent.bridge.Hooks");
    private static final ClassDesc OBJECTS = CD_Object.arrayType();
    private static final MethodTypeDesc ENTER = MethodTypeDesc.of(CD_long, CD_int, CD_Object, OBJECTS);
    private static final MethodTypeDesc ENTER_LEAN = MethodTypeDesc.of(CD_long, CD_int);
    private static final MethodTypeDesc EXIT =
            MethodTypeDesc.of(CD_void, CD_int, CD_long, CD_Object, OBJECTS, CD_Object);
    private static final MethodTypeDesc EXIT_LEAN = MethodTypeDesc.of(CD_void, CD_int, CD_long);
    private static final MethodTypeDesc FAIL =
            MethodTypeDesc.of(CD_void, CD_int, CD_long, CD_Object, OBJECTS, CD_Throwable);
    private static final MethodTypeDesc FAIL_LEAN = MethodTypeDesc.of(CD_void, CD_int, CD_long, CD_Throwable);

    private final MethodHook hook;
    private final MethodTypeDesc type;
    private final boolean isStatic;
    private final boolean isConstructor;
    private final int firstLine;

    private boolean entered;
    private int unmatchedNews;
    private int startSlot;
    private int selfSlot = -1;
    private int argsSlot;
    private int resultSlot = -1;
    private Label rangeStart;
    private boolean rangeHasCode;
    private final List<Label> ranges = new ArrayList<>();

    HookedCode(MethodModel method, MethodHook hook) {
        this.hook = hook;
        this.type = method.methodTypeSymbol();
        this.isStatic = method.flags().has(AccessFlag.STATIC);
        this.isConstructor = method.methodName().equalsString(ConstantDescs.INIT_NAME);
        this.firstLine = method.code().map(HookedCode::firstLine).orElse(-1);
    }

    @Override
    public void atStart(CodeBuilder code) {
        if (!isConstructor) {
            if (firstLine > 0) {
                code.lineNumber(firstLine); // the entry hook shows on the method's first line
            }
            enter(code);
        }
    }

    @Override
    public void accept(CodeBuilder code, CodeElement element) {
        if (!entered) {
            code.with(element);
            if (element instanceof NewObjectInstruction) {
                unmatchedNews++;
            } else if (element instanceof InvokeInstruction call
                    && call.opcode() == Opcode.INVOKESPECIAL
                    && call.name().equalsString(ConstantDescs.INIT_NAME)) {
                if (unmatchedNews > 0) {
                    unmatchedNews--;
                } else {
                    enter(code);
                }
            }
        } else if (element instanceof ReturnInstruction ret) {
            closeRange(code);
            exit(code);
            code.with(ret);
            openRange(code);
        } else {
            code.with(element);
            rangeHasCode |= element instanceof Instruction;
        }
    }

    @Override
    public void atEnd(CodeBuilder code) {
        if (!entered) {
            throw new IllegalStateException("no super(...) or this(...) call to hook after");
        }
        closeRange(code);
        if (ranges.isEmpty()) {
            return;
        }
        Label handler = code.newBoundLabel();
        int error = code.allocateLocal(TypeKind.REFERENCE);
        code.astore(error);
        code.loadConstant(hook.site()).lload(startSlot);
        if (hook.full()) {
            loadSelf(code);
            code.aload(argsSlot).aload(error).invokestatic(HOOKS, "fail", FAIL);
        } else {
            code.aload(error).invokestatic(HOOKS, "failLean", FAIL_LEAN);
        }
        code.aload(error).athrow();
        for (int i = 0; i < ranges.size(); i += 2) {
            code.exceptionCatchAll(ranges.get(i), ranges.get(i + 1), handler);
        }
    }

    private void enter(CodeBuilder code) {
        startSlot = code.allocateLocal(TypeKind.LONG);
        if (hook.full()) {
            if (!isStatic) {
                selfSlot = code.allocateLocal(TypeKind.REFERENCE);
                code.aload(0).astore(selfSlot);
            }
            argsSlot = code.allocateLocal(TypeKind.REFERENCE);
            storeArguments(code);
            code.loadConstant(hook.site());
            loadSelf(code);
            code.aload(argsSlot).invokestatic(HOOKS, "enter", ENTER);
        } else {
            code.loadConstant(hook.site()).invokestatic(HOOKS, "enterLean", ENTER_LEAN);
        }
        code.lstore(startSlot);
        entered = true;
        openRange(code);
    }

    /** Before a return, with the result (if any) on the stack; leaves the stack as it found it. */
    private void exit(CodeBuilder code) {
        if (!hook.full()) {
            code.loadConstant(hook.site()).lload(startSlot).invokestatic(HOOKS, "exitLean", EXIT_LEAN);
            return;
        }
        ClassDesc result = type.returnType();
        TypeKind kind = TypeKind.from(result).asLoadable();
        boolean isVoid = kind == TypeKind.VOID;
        if (!isVoid) {
            if (resultSlot < 0) {
                resultSlot = code.allocateLocal(kind);
            }
            code.storeLocal(kind, resultSlot);
        }
        code.loadConstant(hook.site()).lload(startSlot);
        loadSelf(code);
        code.aload(argsSlot);
        if (isVoid) {
            code.aconst_null();
        } else {
            code.loadLocal(kind, resultSlot);
            box(code, result);
        }
        code.invokestatic(HOOKS, "exit", EXIT);
        if (!isVoid) {
            code.loadLocal(kind, resultSlot);
        }
    }

    private void storeArguments(CodeBuilder code) {
        int count = type.parameterCount();
        code.loadConstant(count).anewarray(CD_Object);
        int slot = isStatic ? 0 : 1;
        for (int i = 0; i < count; i++) {
            ClassDesc param = type.parameterType(i);
            TypeKind kind = TypeKind.from(param);
            code.dup().loadConstant(i).loadLocal(kind.asLoadable(), slot);
            box(code, param);
            code.aastore();
            slot += kind.slotSize();
        }
        code.astore(argsSlot);
    }

    private void loadSelf(CodeBuilder code) {
        if (selfSlot < 0) {
            code.aconst_null();
        } else {
            code.aload(selfSlot);
        }
    }

    private void openRange(CodeBuilder code) {
        rangeStart = code.newBoundLabel();
        rangeHasCode = false;
    }

    private void closeRange(CodeBuilder code) {
        if (rangeHasCode) {
            ranges.add(rangeStart);
            ranges.add(code.newBoundLabel());
        }
        rangeHasCode = false;
    }

    private static void box(CodeBuilder code, ClassDesc primitive) {
        ClassDesc boxed = switch (primitive.descriptorString()) {
            case "Z" -> CD_Boolean;
            case "B" -> CD_Byte;
            case "C" -> CD_Character;
            case "S" -> CD_Short;
            case "I" -> CD_Integer;
            case "J" -> CD_Long;
            case "F" -> CD_Float;
            case "D" -> CD_Double;
            default -> null;
        };
        if (boxed != null) {
            code.invokestatic(boxed, "valueOf", MethodTypeDesc.of(boxed, primitive));
        }
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
