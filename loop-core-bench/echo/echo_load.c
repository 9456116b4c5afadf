/*
 * echo_load: the load generator of ./bench-echo. One thread, one epoll set, N connections to an
 * echo server on 127.0.0.1; each connection sends a message of S bytes, waits for all S bytes to
 * come back, records the round trip, and sends the next one (closed loop). After a warm-up it
 * measures for D seconds and prints one line:
 *
 *   requests=<n> seconds=<d> rps=<n/d> p50_us=<..> p99_us=<..> client_cpu=<cpu/d>
 *
 * usage: echo_load PORT CONNECTIONS SIZE WARMUP_SECONDS SECONDS
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

typedef struct {
    int fd;
    size_t sent;
    size_t received;
    int64_t started;
} conn_t;

static int64_t now_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static double cpu_seconds(void) {
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6 + ru.ru_stime.tv_sec + ru.ru_stime.tv_usec / 1e6;
}

static int cmp_i64(const void *a, const void *b) {
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return x < y ? -1 : x > y;
}

static void die(const char *what) {
    fprintf(stderr, "echo_load: %s: %s\n", what, strerror(errno));
    exit(2);
}

int main(int argc, char **argv) {
    if (argc != 6) {
        fprintf(stderr, "usage: echo_load PORT CONNECTIONS SIZE WARMUP_SECONDS SECONDS\n");
        return 2;
    }
    int port = atoi(argv[1]), n = atoi(argv[2]);
    size_t size = (size_t)atol(argv[3]);
    double warmup = atof(argv[4]), seconds = atof(argv[5]);
    if (port <= 0 || n <= 0 || size == 0 || seconds <= 0) {
        fprintf(stderr, "echo_load: bad arguments\n");
        return 2;
    }
    char *out = malloc(size), *in = malloc(size);
    memset(out, 'x', size);
    int ep = epoll_create1(0);
    conn_t *conns = calloc((size_t)n, sizeof(conn_t));
    struct sockaddr_in addr = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
    inet_pton(AF_INET, "127.0.0.1", &addr.sin_addr);
    for (int i = 0; i < n; i++) {
        int fd = socket(AF_INET, SOCK_STREAM, 0);
        if (fd < 0) die("socket");
        /* A server that has just printed its ready line may not accept yet: retry for 2 s. */
        int tries = 0;
        while (connect(fd, (struct sockaddr *)&addr, sizeof addr) < 0) {
            if (errno != ECONNREFUSED || ++tries > 40) die("connect");
            close(fd);
            usleep(50000);
            fd = socket(AF_INET, SOCK_STREAM, 0);
            if (fd < 0) die("socket");
        }
        int one = 1;
        setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        fcntl(fd, F_SETFL, O_NONBLOCK);
        conns[i].fd = fd;
        struct epoll_event ev = {.events = EPOLLIN | EPOLLOUT | EPOLLET, .data.ptr = &conns[i]};
        if (epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev) < 0) die("epoll_ctl");
        conns[i].started = now_ns();
    }
    size_t cap = 1 << 20, count = 0;
    int64_t *lat = malloc(cap * sizeof(int64_t));
    int64_t start = now_ns();
    int64_t measure_from = start + (int64_t)(warmup * 1e9);
    int64_t end = measure_from + (int64_t)(seconds * 1e9);
    double cpu_at_measure = -1;
    struct epoll_event events[256];
    for (;;) {
        int64_t t = now_ns();
        if (t >= end) break;
        if (cpu_at_measure < 0 && t >= measure_from) cpu_at_measure = cpu_seconds();
        int k = epoll_wait(ep, events, 256, 100);
        if (k < 0) {
            if (errno == EINTR) continue;
            die("epoll_wait");
        }
        for (int e = 0; e < k; e++) {
            conn_t *c = events[e].data.ptr;
            for (;;) {
                int progressed = 0;
                if (c->sent < size) {
                    ssize_t w = write(c->fd, out + c->sent, size - c->sent);
                    if (w > 0) { c->sent += (size_t)w; progressed = 1; }
                    else if (w < 0 && errno != EAGAIN) die("write");
                }
                if (c->received < size) {
                    ssize_t r = read(c->fd, in, size - c->received);
                    if (r > 0) { c->received += (size_t)r; progressed = 1; }
                    else if (r == 0) { fprintf(stderr, "echo_load: server closed a connection\n"); exit(3); }
                    else if (errno != EAGAIN) die("read");
                }
                if (c->received == size && c->sent == size) {
                    int64_t done = now_ns();
                    if (done >= measure_from && done < end) {
                        if (count == cap) { cap *= 2; lat = realloc(lat, cap * sizeof(int64_t)); }
                        lat[count++] = done - c->started;
                    }
                    c->sent = c->received = 0;
                    c->started = done;
                    continue;
                }
                if (!progressed) break;
            }
        }
    }
    double cpu = cpu_seconds() - (cpu_at_measure < 0 ? 0 : cpu_at_measure);
    qsort(lat, count, sizeof(int64_t), cmp_i64);
    double p50 = count ? lat[count / 2] / 1e3 : 0, p99 = count ? lat[(size_t)(count * 0.99)] / 1e3 : 0;
    printf("requests=%zu seconds=%.3f rps=%.0f p50_us=%.1f p99_us=%.1f client_cpu=%.2f\n",
           count, seconds, count / seconds, p50, p99, cpu / seconds);
    return 0;
}
