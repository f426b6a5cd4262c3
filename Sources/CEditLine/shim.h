// CEditLine: libedit (BSD editline) for the REPL's line editor, history and Tab completion.
// el_set, el_get and history() are C variadic functions, which Swift cannot call, so this
// header wraps the few calls the REPL needs in non-variadic static inline functions. It also
// keeps the Glibc stdin/stdout/stderr globals and the SIGINT flag on the C side, where Swift 6
// strict concurrency does not see them.
#ifndef CEDITLINE_SHIM_H
#define CEDITLINE_SHIM_H

#include <stdio.h>
#include <signal.h>
#include <pthread.h>
#include <string.h>
#include <unistd.h>
#include <sys/time.h>
#include <histedit.h>

typedef unsigned char (*ceditline_command_fn)(EditLine *, int);
typedef char *(*ceditline_prompt_fn)(EditLine *);

static inline EditLine *ceditline_init(const char *prog) { return el_init(prog, stdin, stdout, stderr); }
static inline int ceditline_set_prompt(EditLine *el, ceditline_prompt_fn fn) { return el_set(el, EL_PROMPT, fn); }
static inline int ceditline_set_editor(EditLine *el, const char *mode) { return el_set(el, EL_EDITOR, mode); }
static inline int ceditline_set_history(EditLine *el, History *h) { return el_set(el, EL_HIST, history, h); }
static inline int ceditline_set_clientdata(EditLine *el, void *p) { return el_set(el, EL_CLIENTDATA, p); }
static inline void *ceditline_get_clientdata(EditLine *el) { void *p = NULL; el_get(el, EL_CLIENTDATA, &p); return p; }
static inline int ceditline_add_command(EditLine *el, const char *name, const char *help, ceditline_command_fn fn) {
    return el_set(el, EL_ADDFN, name, help, fn);
}
static inline int ceditline_bind(EditLine *el, const char *key, const char *command) {
    return el_set(el, EL_BIND, key, command, NULL);
}
static inline int ceditline_source(EditLine *el) { return el_source(el, NULL); }

static inline History *ceditline_history_init(int size) {
    History *h = history_init();
    HistEvent ev;
    if (h) { history(h, &ev, H_SETSIZE, size); history(h, &ev, H_SETUNIQUE, 1); }
    return h;
}
static inline int ceditline_history_enter(History *h, const char *line) { HistEvent ev; return history(h, &ev, H_ENTER, line); }
static inline int ceditline_history_load(History *h, const char *path) { HistEvent ev; return history(h, &ev, H_LOAD, path); }
static inline int ceditline_history_save(History *h, const char *path) { HistEvent ev; return history(h, &ev, H_SAVE, path); }

/// Set by the SIGINT handler; read and cleared by the REPL.
static volatile sig_atomic_t ceditline_interrupted = 0;
static inline void ceditline_on_sigint(int sig) { (void)sig; ceditline_interrupted = 1; }
/// Unblocks `sig` in the calling thread: a process started from a thread that blocks it (a
/// libdispatch worker, some launchers) inherits the mask, and Ctrl-C or the exam's alarm would
/// then never reach the read.
static inline void ceditline_unblock(int sig) {
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, sig);
    pthread_sigmask(SIG_UNBLOCK, &set, NULL);
}
/// Installs a SIGINT handler without SA_RESTART, so a blocked read returns EINTR and el_gets returns.
static inline int ceditline_install_sigint(void) {
    ceditline_unblock(SIGINT);
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = ceditline_on_sigint;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = 0;
    return sigaction(SIGINT, &sa, NULL);
}
static inline int ceditline_take_interrupt(void) { int v = ceditline_interrupted; ceditline_interrupted = 0; return v; }

/// Set by the SIGALRM handler of a read with a deadline; read and cleared by the console.
static volatile sig_atomic_t ceditline_alarmed = 0;
static inline void ceditline_on_sigalrm(int sig) { (void)sig; ceditline_alarmed = 1; }
/// Arms SIGALRM in `milliseconds` (at least 1), then every 100 ms, with a handler without SA_RESTART, so a
/// blocked read returns EINTR and el_gets returns, as it does for Ctrl-C.
static inline int ceditline_arm_alarm(long milliseconds) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = ceditline_on_sigalrm;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = 0;
    if (sigaction(SIGALRM, &sa, NULL) != 0) return -1;
    ceditline_unblock(SIGALRM);
    ceditline_alarmed = 0;
    if (milliseconds < 1) milliseconds = 1;
    struct itimerval timer;
    memset(&timer, 0, sizeof timer);
    timer.it_value.tv_sec = milliseconds / 1000;
    timer.it_value.tv_usec = (milliseconds % 1000) * 1000;
    /* Repeat every 100 ms until disarmed: an alarm that lands just before el_gets reaches read()
       (or whose EINTR libedit retries once) is followed by another that interrupts it. */
    timer.it_interval.tv_usec = 100000;
    return setitimer(ITIMER_REAL, &timer, NULL);
}
/// Stops a pending alarm.
static inline void ceditline_disarm_alarm(void) {
    struct itimerval timer;
    memset(&timer, 0, sizeof timer);
    setitimer(ITIMER_REAL, &timer, NULL);
}
static inline int ceditline_take_alarm(void) { int v = ceditline_alarmed; ceditline_alarmed = 0; return v; }

static inline int ceditline_cc_refresh(void) { return CC_REFRESH; }
static inline int ceditline_cc_refresh_beep(void) { return CC_REFRESH_BEEP; }
static inline int ceditline_cc_redisplay(void) { return CC_REDISPLAY; }

#endif
