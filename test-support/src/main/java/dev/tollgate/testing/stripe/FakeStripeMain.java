package dev.tollgate.testing.stripe;

import java.util.concurrent.CountDownLatch;

/**
 * Runs {@link FakeStripe} as its own process (demo mode): {@code --port N} or {@code FAKE_STRIPE_PORT} (default 12111;
 * 0 picks a free port), {@code --secret-key sk_test_…} or {@code FAKE_STRIPE_SECRET_KEY}. Prints the base URL on its
 * first line of output and runs until stopped.
 */
public final class FakeStripeMain {
    private FakeStripeMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        String port = System.getenv().getOrDefault("FAKE_STRIPE_PORT", "12111");
        String key = System.getenv().getOrDefault("FAKE_STRIPE_SECRET_KEY", FakeStripe.DEFAULT_SECRET_KEY);
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--port" -> port = value(args, ++i);
                case "--secret-key" -> key = value(args, ++i);
                default -> usage("unknown argument " + args[i]);
            }
        }
        int number = 0;
        try {
            number = Integer.parseInt(port);
        } catch (NumberFormatException e) {
            usage("the port is a number: " + port);
        }
        FakeStripe fake = FakeStripe.builder().port(number).secretKey(key).start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            fake.close();
            stopped.countDown();
        }, "fake-stripe-stop"));
        System.out.println(fake.baseUrl());
        System.out.println("Fake Stripe listening on " + fake.baseUrl() + " (secret key " + key + ");"
                + " test controls under " + fake.baseUrl() + "/_fake/");
        System.out.flush();
        stopped.await();
    }

    private static String value(String[] args, int at) {
        if (at >= args.length) {
            usage(args[at - 1] + " needs a value");
        }
        return args[at];
    }

    private static void usage(String problem) {
        System.err.println(problem);
        System.err.println("usage: FakeStripeMain [--port N] [--secret-key sk_test_...]"
                + " (or FAKE_STRIPE_PORT, FAKE_STRIPE_SECRET_KEY)");
        System.exit(2);
    }
}
