package dev.telltale.agent.internal;

/**
 * Picks the {@link Rewriter} from the setting {@code telltale.agent.rewriter}: {@code auto} (the
 * default) takes {@code classfile} on JDK 24+ when the jar has it, else {@code asm}; {@code
 * classfile} and {@code asm} force one ({@code classfile} falls back to {@code asm}, saying so on
 * standard error, where this JDK or this jar lacks it).
 */
final class Rewriters {

    private static final String CLASSFILE = "dev.telltale.agent.internal.ClassFileRewriter";

    private Rewriters() {}

    static Rewriter choose(String setting) {
        String s = setting == null ? "auto" : setting.trim().toLowerCase(java.util.Locale.ROOT);
        switch (s) {
            case "asm":
                return new AsmRewriter();
            case "auto":
            case "":
                if (Runtime.version().feature() < 24) {
                    return new AsmRewriter();
                }
                Rewriter cf = classfile();
                return cf != null ? cf : new AsmRewriter();
            case "classfile":
                Rewriter forced = Runtime.version().feature() >= 24 ? classfile() : null;
                if (forced == null) {
                    System.err.println("telltale agent: telltale.agent.rewriter=classfile needs JDK 24+ and a jar built by one;"
                            + " rewriting with asm");
                    return new AsmRewriter();
                }
                return forced;
            default:
                System.err.println("telltale agent: telltale.agent.rewriter='" + setting + "' is none of auto, classfile, asm;"
                        + " using auto");
                return choose("auto");
        }
    }

    private static Rewriter classfile() {
        try {
            return (Rewriter) Class.forName(CLASSFILE).getConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError e) {
            return null;
        }
    }
}
