package dev.telltale.core.internal.probe.expr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.module.Configuration;
import java.lang.module.ModuleFinder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.spi.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Objects from a named module, compiled here: one package exported (a public interface), one
 * opened, one neither. Members are read through what the module lets Telltale see, and a member
 * it hides is an error naming it, never a crash or a broken encapsulation.
 */
class ExpressionModuleAccessTest {

    @TempDir
    static Path dir;

    private static Object square;
    private static Object thing;

    @BeforeAll
    static void compileModule() throws Exception {
        Path src = dir.resolve("src");
        Path out = dir.resolve("out");
        write(src.resolve("module-info.java"), "module shapes { exports shapes.api; opens shapes.open; }");
        write(src.resolve("shapes/api/Shape.java"), "package shapes.api; public interface Shape { int getSides(); }");
        write(src.resolve("shapes/api/Shapes.java"), "package shapes.api; public final class Shapes {"
                + " public static Object square() { return new shapes.impl.Square(); }"
                + " public static Object thing() { return shapes.open.Things.make(); } }");
        write(src.resolve("shapes/impl/Square.java"), "package shapes.impl; public class Square implements"
                + " shapes.api.Shape { public final String label = \"sq\";"
                + " public int getSides() { return 4; } public String getColor() { return \"red\"; } }");
        write(src.resolve("shapes/open/Thing.java"), "package shapes.open; class Thing {"
                + " public String getName() { return \"thing\"; } }");
        write(src.resolve("shapes/open/Things.java"), "package shapes.open; public final class Things {"
                + " public static Object make() { return new Thing(); } }");
        ToolProvider javac = ToolProvider.findFirst("javac").orElseThrow();
        int status = javac.run(System.out, System.err, "-d", out.toString(),
                src.resolve("module-info.java").toString(), src.resolve("shapes/api/Shape.java").toString(),
                src.resolve("shapes/api/Shapes.java").toString(), src.resolve("shapes/impl/Square.java").toString(),
                src.resolve("shapes/open/Thing.java").toString(), src.resolve("shapes/open/Things.java").toString());
        assertEquals(0, status, "javac");

        ModuleLayer boot = ModuleLayer.boot();
        Configuration configuration = boot.configuration().resolve(ModuleFinder.of(out), ModuleFinder.of(),
                Set.of("shapes"));
        ModuleLayer layer = boot.defineModulesWithOneLoader(configuration,
                ExpressionModuleAccessTest.class.getClassLoader());
        Class<?> shapes = layer.findLoader("shapes").loadClass("shapes.api.Shapes");
        square = shapes.getMethod("square").invoke(null);
        thing = shapes.getMethod("thing").invoke(null);
    }

    private static Object eval(String text, Object arg) {
        return Expression.parse(text).evaluate(FakeScope.of(arg));
    }

    @Test
    void getterOfHiddenClass_declaredByExportedInterface_readThroughTheInterface() {
        assertFalse(square.getClass().getModule().isExported("shapes.impl"));
        assertEquals(4, eval("args[0].sides", square));
        assertEquals(Boolean.TRUE, Expression.parse("args[0].sides == 4").test(FakeScope.of(square)));
    }

    @Test
    void getterOnlyTheHiddenClassDeclares_evaluationExceptionNamingIt() {
        EvaluationException e = assertThrows(EvaluationException.class, () -> eval("args[0].color", square));
        assertTrue(e.getMessage().startsWith("'args[0].color': property 'color' of shapes.impl.Square is not"
                + " accessible: getColor() is declared by shapes.impl.Square"), e.getMessage());
    }

    @Test
    void publicFieldOfHiddenClass_evaluationExceptionNamingIt() {
        EvaluationException e = assertThrows(EvaluationException.class, () -> eval("args[0].label", square));
        assertTrue(e.getMessage().contains("property 'label' of shapes.impl.Square is not accessible: field label"),
                e.getMessage());
    }

    @Test
    void nonPublicClassInOpenedPackage_read() {
        assertTrue(thing.getClass().getModule().isOpen("shapes.open"));
        assertEquals("thing", eval("args[0].name", thing));
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }
}
