package com.example.shop;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.function.ToIntBiFunction;

/**
 * The child JVM's application in the agent's integration tests: no Telltale on its class path.
 * It calls {@link Orders} in a loop (directly, through reflection, through a method reference, a
 * constructor, an exception exit) until stdin says {@code quit} or closes; {@code load-later}
 * loads {@link Later} and calls it in the loop too. Prints {@code ready <pid>} when running.
 */
public final class ShopApp {

    private static volatile boolean later;
    static volatile long sink;

    private ShopApp() {}

    public static void main(String[] args) throws Exception {
        Thread loop = new Thread(ShopApp::loop, "shop-loop");
        loop.setDaemon(true);
        loop.start();
        System.out.println("ready " + ProcessHandle.current().pid());
        System.out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line; (line = in.readLine()) != null; ) {
            if (line.equals("quit")) {
                break;
            }
            if (line.equals("load-later")) {
                Class.forName("com.example.shop.Later");
                later = true;
                System.out.println("loaded Later");
                System.out.flush();
            }
        }
        System.exit(0);
    }

    private static void loop() {
        try {
            Method reflected = Orders.class.getMethod("checkout", String.class, int.class);
            ToIntBiFunction<Orders, String> ref = Orders::checkout;
            Class<?> laterClass = null;
            for (long i = 0; ; i++) {
                Orders o = new Orders("shop-" + (i % 3));
                sink += o.checkout("apple", 2);
                sink += (Integer) reflected.invoke(o, "pear", 3);
                sink += ref.applyAsInt(o, "fig");
                try {
                    sink += Orders.refund(i % 2 == 0 ? 5 : -5);
                } catch (IllegalArgumentException expected) {
                    sink++;
                }
                if (later) {
                    if (laterClass == null) {
                        laterClass = Class.forName("com.example.shop.Later");
                    }
                    sink += (Integer) laterClass.getMethod("compute", int.class).invoke(null, 41);
                }
                Thread.sleep(5);
            }
        } catch (Exception e) {
            e.printStackTrace();
        }
    }
}
