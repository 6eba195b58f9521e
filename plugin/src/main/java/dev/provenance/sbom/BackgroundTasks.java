package dev.provenance.sbom;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Two daemon threads for SBOM work that can run beside the calling thread. Each task runs with the caller's context
 * class loader, because Maven loads this plugin in its own class realm and the XML and JSON libraries find their
 * implementations through that loader.
 */
final class BackgroundTasks {

    private static final ExecutorService EXECUTOR = Executors.newFixedThreadPool(2, runnable -> {
        Thread thread = new Thread(runnable, "provenance-sbom");
        thread.setDaemon(true);
        return thread;
    });

    private BackgroundTasks() {}

    /** Runs {@code task} on a background thread; its exception completes the future exceptionally. */
    static <T> CompletableFuture<T> supply(Callable<T> task) {
        ClassLoader callerLoader = Thread.currentThread().getContextClassLoader();
        return CompletableFuture.supplyAsync(
                () -> {
                    Thread thread = Thread.currentThread();
                    ClassLoader previous = thread.getContextClassLoader();
                    thread.setContextClassLoader(callerLoader);
                    try {
                        return task.call();
                    } catch (Exception e) {
                        throw new CompletionException(e);
                    } finally {
                        thread.setContextClassLoader(previous);
                    }
                },
                EXECUTOR);
    }
}
