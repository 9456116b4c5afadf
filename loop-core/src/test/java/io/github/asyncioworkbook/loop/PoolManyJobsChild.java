package io.github.asyncioworkbook.loop;

/**
 * Run by {@link ThreadPoolExitTest} in a child JVM: many short jobs one after the other, each handed
 * to a worker that is already idle, then {@code main} returns. The JVM must end.
 */
final class PoolManyJobsChild {
    private PoolManyJobsChild() {
    }

    public static void main(String[] args) throws Exception {
        ThreadPool pool = new ThreadPool(1);
        int sum = 0;
        for (int i = 0; i < 200; i++) {
            int n = i;
            sum += pool.submit(() -> n).get();
        }
        System.out.println("sum " + sum);
    }
}
