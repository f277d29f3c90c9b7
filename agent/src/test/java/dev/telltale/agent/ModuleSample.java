package dev.telltale.agent;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * A tiny application in a named module ({@code modshop}, exporting nothing), compiled once with
 * {@code --release 17}: the agent must make it read the bridge's module before rewriting it.
 */
final class ModuleSample {

    private static Path compiled;

    private ModuleSample() {}

    static synchronized Path compile() throws IOException {
        if (compiled != null) {
            return compiled;
        }
        Path src = Files.createTempDirectory("telltale-modshop-src-");
        Path out = Files.createTempDirectory("telltale-modshop-");
        Path pkg = Files.createDirectories(src.resolve("modshop"));
        Files.writeString(src.resolve("module-info.java"), "module modshop {}\n");
        Files.writeString(pkg.resolve("Basket.java"), String.join("\n",
                "package modshop;",
                "class Basket {",
                "    long total(int items) { return items * 6L; }",
                "}", ""));
        Files.writeString(pkg.resolve("Main.java"), String.join("\n",
                "package modshop;",
                "public final class Main {",
                "    static volatile long sink;",
                "    public static void main(String[] args) throws Exception {",
                "        Thread loop = new Thread(() -> {",
                "            Basket b = new Basket();",
                "            try {",
                "                while (true) { sink += b.total(7); Thread.sleep(5); }",
                "            } catch (InterruptedException e) { }",
                "        });",
                "        loop.setDaemon(true);",
                "        loop.start();",
                "        System.out.println(\"ready \" + ProcessHandle.current().pid());",
                "        System.out.flush();",
                "        java.io.BufferedReader in = new java.io.BufferedReader(new java.io.InputStreamReader(System.in));",
                "        for (String line; (line = in.readLine()) != null; ) { if (line.equals(\"quit\")) break; }",
                "        System.exit(0);",
                "    }",
                "}", ""));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int rc = javac.run(null, null, null, "--release", "17", "-d", out.resolve("modshop").toString(),
                src.resolve("module-info.java").toString(), pkg.resolve("Basket.java").toString(),
                pkg.resolve("Main.java").toString());
        if (rc != 0) {
            throw new IllegalStateException("javac failed on the module sample: " + rc);
        }
        compiled = out;
        return out;
    }
}
