package io.github.asyncioworkbook.loop;

/**
 * Run by {@link ExecutorTest} in a child JVM: {@code main} returns while a {@link ThreadPool} job
 * still runs and without shutting the pool down. As in Python, the job finishes and then the
 * program ends (idle pool threads do not hold it).
 */
final class PoolExitChild {
    private PoolExitChild() {
    }

    public static void main(String[] args) throws Exception {
        ThreadPool pool = new ThreadPool(2);
        pool.submit(() -> "warm-up").get();  // one idle thread from now on
        pool.execute(() -> {
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            System.out.println("job done");
        });
        System.out.println("main returns");
    }
}
