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
import java.lang.classfile.TypeKind;
import java.lang.constant.ClassDesc;
import java.lang.constant.MethodTypeDesc;
import java.util.BitSet;

/**
 * The calls to {@link dev.telltale.agent.bridge.Hooks} that one {@link MethodHook} puts into one
 * method, lean or full, and the locals they keep above the method's own: {@code long start}, and
 * for a full hook the receiver (so that code overwriting slot 0 cannot change what the hooks see),
 * the {@code Object[]} of arguments built once on entry and passed again on exit and fail, and one
 * slot for the result. {@link HookedCode} decides where each call goes.
 *
 * <p>Not thread-safe: one instance per method per rewrite.
 */
final class HookCalls {

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
    private int startSlot = -1;
    private int selfSlot = -1;
    private int argsSlot = -1;
    private int resultSlot = -1;

    HookCalls(MethodHook hook, MethodTypeDesc type, boolean isStatic) {
        this.hook = hook;
        this.type = type;
        this.isStatic = isStatic;
    }

    /**
     * {@code local = null} for each slot of {@code slots} above the parameters, before the entry
     * hook: the handler's frame then types each as a reference wherever the body last stored one,
     * and the fail hook can read its value. The original code writes each such slot before it
     * reads it, so the stores change nothing it sees.
     */
    void nullLocals(CodeBuilder code, BitSet slots) {
        int parameterSlots = isStatic ? 0 : 1;
        for (int i = 0; i < type.parameterCount(); i++) {
            parameterSlots += TypeKind.from(type.parameterType(i)).slotSize();
        }
        for (int slot = slots.nextSetBit(parameterSlots); slot >= 0; slot = slots.nextSetBit(slot + 1)) {
            code.aconst_null().astore(slot);
        }
    }

    /** {@code start = Hooks.enter...}: where the receiver is initialized and the parameters are as passed. */
    void enter(CodeBuilder code) {
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
    }

    /** Before a return, with the result (if any) on the stack; leaves the stack as it found it. */
    void exit(CodeBuilder code) {
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

    /** The handler's body: the throwable on the stack goes to the fail hook, then is thrown again. */
    void failAndRethrow(CodeBuilder code) {
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
}
