package dev.telltale.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TargetTest {

    /** A nested type, whose binary name has a '$'. */
    interface Orders {
        boolean checkout(String id, int quantity);
    }

    private static String failure(String text) {
        return assertThrows(IllegalArgumentException.class, () -> Target.parse(text)).getMessage();
    }

    @Test
    void parse_eachForm_roundTripsThroughToString() {
        for (String text : List.of("com.acme.Orders#checkout", "com.acme.Orders#checkout(Ljava/lang/String;I)Z",
                "com.acme.Orders$Inner#<init>()V", "a.B#m([[J[Ljava/lang/Object;)[I", "_x.$y#z", "héllo.Wörld#grüß",
                "handle:pricing", "handle:a b#c")) {
            Target t = Target.parse(text);
            assertEquals(text, t.toString());
            assertEquals(t, Target.parse(t.toString()));
            assertEquals(t.hashCode(), Target.parse(t.toString()).hashCode());
        }
    }

    @Test
    void parse_method_splitsTypeNameAndDescriptor() {
        Target t = Target.parse("  com.acme.Orders#checkout(Ljava/lang/String;I)Z ");
        assertFalse(t.isHandle());
        assertEquals("com.acme.Orders", t.typeName());
        assertEquals("checkout", t.methodName());
        assertEquals("(Ljava/lang/String;I)Z", t.descriptor());
        assertEquals("com.acme.Orders#checkout(Ljava/lang/String;I)Z", t.toString());
        assertNull(Target.parse("com.acme.Orders#checkout").descriptor());
    }

    @Test
    void parse_handle_isAHandleTarget() {
        Target t = Target.parse("handle:pricing");
        assertTrue(t.isHandle());
        assertEquals("pricing", t.methodName());
        assertNull(t.typeName());
        assertNull(t.descriptor());
        assertEquals(Target.handle("pricing"), t);
    }

    @Test
    void parse_handleWithSpacesAroundTheName_readsTheNameStripped() {
        assertEquals(Target.handle("pricing"), Target.parse("handle:  pricing  "));
    }

    @Test
    void equals_differentTargets_differ() {
        assertNotEquals(Target.parse("a.B#m"), Target.parse("a.B#m()V"));
        assertNotEquals(Target.parse("a.B#m"), Target.parse("a.B#n"));
        assertNotEquals(Target.parse("handle:m"), Target.parse("a.B#m"));
        assertNotEquals(Target.parse("a.B#m"), "a.B#m");
    }

    @Test
    void parse_noHash_saysHowToWriteATarget() {
        assertEquals("target 'com.acme.Orders.checkout' has no '#': write it as com.acme.Type#method,"
                + " com.acme.Type#method(descriptor) or handle:name", failure("com.acme.Orders.checkout"));
    }

    @Test
    void parse_badClassName_namesIt() {
        assertEquals("target 'com..Orders#checkout': 'com..Orders' is not a class name", failure("com..Orders#checkout"));
        assertEquals("target '#checkout': '' is not a class name", failure("#checkout"));
        assertEquals("target '1com.Orders#checkout': '1com.Orders' is not a class name", failure("1com.Orders#checkout"));
        assertEquals("target 'com/acme/Orders#checkout': 'com/acme/Orders' is not a class name",
                failure("com/acme/Orders#checkout"));
    }

    @Test
    void parse_badMethodName_namesIt() {
        assertEquals("target 'com.acme.Orders#': '' is not a method name", failure("com.acme.Orders#"));
        assertEquals("target 'a.B#2go': '2go' is not a method name", failure("a.B#2go"));
        assertEquals("target 'a.B#m#n': 'm#n' is not a method name", failure("a.B#m#n"));
        assertEquals("target 'a.B#<clinit>': '<clinit>' is not a method name", failure("a.B#<clinit>"));
    }

    @Test
    void parse_badDescriptor_namesItAndShowsAnExample() {
        for (String descriptor : List.of("(", "()", "(I)", "(Ljava/lang/String)V", "(X)V", "(I)VV", "(L;)V", "(I)[V")) {
            assertEquals("target 'a.B#m" + descriptor + "': '" + descriptor
                    + "' is not a JVM method descriptor such as (Ljava/lang/String;I)V", failure("a.B#m" + descriptor));
        }
    }

    @Test
    void parse_blankHandleName_refused() {
        assertEquals("a handle's name is blank", failure("handle:"));
        assertEquals("a handle's name is blank", failure("handle:   "));
        assertEquals("a handle's name is blank",
                assertThrows(IllegalArgumentException.class, () -> Target.handle(" \t")).getMessage());
    }

    @Test
    void handle_nameWithSpacesAround_refused_soThatItsTextReadsBack() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Target.handle(" pricing"));
        assertEquals("a handle's name ' pricing' starts or ends with white space", e.getMessage());
    }

    @Test
    void nulls_areNamed() {
        assertEquals("target == null", assertThrows(NullPointerException.class, () -> Target.parse(null)).getMessage());
        assertEquals("name == null", assertThrows(NullPointerException.class, () -> Target.handle(null)).getMessage());
        assertEquals("type == null",
                assertThrows(NullPointerException.class, () -> Target.method(null, "m")).getMessage());
        assertEquals("method == null",
                assertThrows(NullPointerException.class, () -> Target.method(Orders.class, null)).getMessage());
        assertEquals("method == null", assertThrows(NullPointerException.class,
                () -> Target.method(Orders.class, null, void.class)).getMessage());
    }

    @Test
    void method_allOverloads_hasNoDescriptor_andNestedTypesUseDollar() {
        Target t = Target.method(Orders.class, "checkout");
        assertEquals("dev.telltale.probe.TargetTest$Orders#checkout", t.toString());
        assertEquals("dev.telltale.probe.TargetTest$Orders", t.typeName());
        assertNull(t.descriptor());
    }

    @Test
    void method_withTypes_buildsTheJvmDescriptor() {
        assertEquals("dev.telltale.probe.TargetTest$Orders#checkout(Ljava/lang/String;I)Z",
                Target.method(Orders.class, "checkout", boolean.class, String.class, int.class).toString());
        assertEquals("(J[Ljava/util/Map;[[D)V",
                Target.method(Map.class, "m", void.class, long.class, Map[].class, double[][].class).descriptor());
        assertEquals("()Ljava/util/List;", Target.method(List.class, "of", List.class).descriptor());
        assertEquals("java.util.Map#<init>()V", Target.method(Map.class, "<init>", void.class).toString());
    }

    @Test
    void method_badName_refused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Target.method(Orders.class, "check out"));
        assertEquals("target 'dev.telltale.probe.TargetTest$Orders#check out': 'check out' is not a method name",
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Target.method(Orders.class, "", void.class));
    }
}
