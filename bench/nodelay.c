/*
 * LD_PRELOAD shim for bench/compare: sets TCP_NODELAY on every socket a server accepts.
 *
 * InspIRCd 3.15 never sets TCP_NODELAY on client sockets (strace shows no such setsockopt), so with several
 * senders its small writes wait behind Nagle's algorithm for the receiver's delayed ACK: 40 ms stalls that
 * measure the kernel's timers, not the server. The issue asks for TCP_NODELAY everywhere; this gives it to
 * servers that have no setting for it. A socket that is not TCP (a UNIX socket) just refuses the option.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>

static void nodelay(int fd) {
    if (fd >= 0) {
        int on = 1;
        setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on);
    }
}

int accept(int fd, struct sockaddr *address, socklen_t *length) {
    static int (*real)(int, struct sockaddr *, socklen_t *);
    if (!real) real = (int (*)(int, struct sockaddr *, socklen_t *)) dlsym(RTLD_NEXT, "accept");
    int client = real(fd, address, length);
    nodelay(client);
    return client;
}

int accept4(int fd, struct sockaddr *address, socklen_t *length, int flags) {
    static int (*real)(int, struct sockaddr *, socklen_t *, int);
    if (!real) real = (int (*)(int, struct sockaddr *, socklen_t *, int)) dlsym(RTLD_NEXT, "accept4");
    int client = real(fd, address, length, flags);
    nodelay(client);
    return client;
}
