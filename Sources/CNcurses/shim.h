#ifndef SKBVIZ_CNCURSES_SHIM_H
#define SKBVIZ_CNCURSES_SHIM_H
/* SwiftPM drops pkg-config's -D flags: turn the wide-character API on here. */
#define NCURSES_WIDECHAR 1
#define _XOPEN_SOURCE_EXTENDED 1
#include <ncurses.h>
#include <locale.h>
#include <langinfo.h>
#include <execinfo.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

/* Swift 6 rejects C mutable globals and cannot import function-like macros:
   everything Swift needs of either goes through a static inline function here. */

/* ---- globals ---- */
static inline WINDOW *skbviz_stdscr(void) { return stdscr; }
static inline int skbviz_lines(void) { return LINES; }
static inline int skbviz_cols(void) { return COLS; }
static inline int skbviz_color_pairs(void) { return COLOR_PAIRS; }
static inline FILE *skbviz_stderr(void) { return stderr; }

/* ---- attributes ---- */
static inline attr_t skbviz_a_normal(void) { return A_NORMAL; }
static inline attr_t skbviz_a_bold(void) { return A_BOLD; }
static inline attr_t skbviz_a_reverse(void) { return A_REVERSE; }
static inline attr_t skbviz_a_underline(void) { return A_UNDERLINE; }
static inline attr_t skbviz_a_dim(void) { return A_DIM; }

/* Sets a window's attributes and colour pair at once (wattr_set is a macro). */
static inline int skbviz_wattr_set(WINDOW *win, attr_t attrs, short pair) {
    return wattr_set(win, attrs, pair, NULL);
}

/* ---- geometry and keys ---- */
static inline void skbviz_getmaxyx(WINDOW *win, int *y, int *x) { getmaxyx(win, *y, *x); }
static inline int skbviz_key_f(int n) { return KEY_F(n); }

/* ---- screen setup ---- */
/* newterm on stdout/stdin: unlike initscr, returns NULL on an unknown $TERM instead of exiting. */
static inline SCREEN *skbviz_newterm(const char *term) { return newterm(term, stdout, stdin); }

/* 1 if the terminal can move the cursor (terminfo cup): a full-screen program needs it. */
static inline int skbviz_can_address_cursor(void) {
    char *cup = tigetstr("cup");
    return cup != NULL && cup != (char *)-1;
}

/* ---- locale ---- */
/* Applies the environment's locale; returns 1 if the resulting character set is UTF-8. */
static inline int skbviz_setlocale_from_environment(void) {
    setlocale(LC_ALL, "");
    const char *codeset = nl_langinfo(CODESET);
    return codeset != NULL && (strcmp(codeset, "UTF-8") == 0 || strcmp(codeset, "utf8") == 0);
}
/* Sets LC_CTYPE alone; returns 1 if the resulting character set is UTF-8. */
static inline int skbviz_setlocale_ctype(const char *name) {
    if (setlocale(LC_CTYPE, name) == NULL) return 0;
    const char *codeset = nl_langinfo(CODESET);
    return codeset != NULL && (strcmp(codeset, "UTF-8") == 0 || strcmp(codeset, "utf8") == 0);
}

/* How many cells the C library (and so curses) gives a character; -1 if unprintable. */
extern int wcwidth(wchar_t c);
static inline int skbviz_wcwidth(unsigned int c) { return wcwidth((wchar_t)c); }

/* ---- ttys and signals ---- */
static inline int skbviz_isatty(int fd) { return isatty(fd); }

/* Installs handler for sig without SA_RESTART, so blocking reads return early. */
static inline int skbviz_install_handler(int sig, void (*handler)(int)) {
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = handler;
    sigemptyset(&action.sa_mask);
    return sigaction(sig, &action, NULL);
}
/* Restores the default disposition of sig. */
static inline int skbviz_default_handler(int sig) {
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = SIG_DFL;
    sigemptyset(&action.sa_mask);
    return sigaction(sig, &action, NULL);
}
/* Raises sig with its default disposition and unblocked, so the process ends the way the
   signal says (the shell then reports 128 + sig). */
static inline void skbviz_reraise(int sig) {
    skbviz_default_handler(sig);
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, sig);
    sigprocmask(SIG_UNBLOCK, &set, NULL);
    raise(sig);
}

/* ---- fatal signals ----
   While the viewer owns the terminal, SIGSEGV, SIGBUS, SIGILL, SIGABRT and SIGFPE first give
   the terminal back (the tty modes saved before curses changed them, then the terminfo strings
   that leave the alternate screen and show the cursor), write a crash report to a file and
   one line on stderr that says where, then end the process by the same signal. Everything the handler does is async-signal-safe: tcsetattr, open, write,
   backtrace (its unwinder loaded beforehand), backtrace_symbols_fd, close, sigaction, raise. The state is a function's static (a module import emits no C globals), one copy
   per Swift file that calls these functions: only TerminalSession may. */
struct skbviz_fatal_state {
    struct termios termios;
    char sequence[256];
    size_t length;
    volatile sig_atomic_t armed;
    struct sigaction previous[5];
    /* Where the crash report goes (empty: nowhere), and the line that says so. */
    char report[512];
    char note[640];
    size_t noteLength;
};
static const int skbviz_fatal_signals[] = { SIGSEGV, SIGBUS, SIGILL, SIGABRT, SIGFPE };
static inline struct skbviz_fatal_state *skbviz_fatal(void) {
    static struct skbviz_fatal_state state;
    return &state;
}

/* Writes the crash report: the signal and the call stack (backtrace_symbols_fd allocates
   nothing), to a file that must not exist yet; then the line that says where, on stderr. */
static inline void skbviz_fatal_write_report(struct skbviz_fatal_state *f, int sig) {
    if (f->report[0] == 0) return;
    int fd = open(f->report, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (fd < 0) return;
    char head[64] = "skbviz crashed: signal ";
    size_t n = strlen(head);
    char digits[12];
    int d = 0, v = sig;
    do { digits[d++] = (char)('0' + v % 10); v /= 10; } while (v > 0 && d < 11);
    while (d > 0) head[n++] = digits[--d];
    head[n++] = '\n';
    ssize_t ignored = write(fd, head, n);
    void *frames[64];
    int count = backtrace(frames, 64);
    backtrace_symbols_fd(frames, count, fd);
    close(fd);
    ignored = write(STDERR_FILENO, f->note, f->noteLength);
    (void)ignored;
}

static void skbviz_fatal_handler(int sig) {
    struct skbviz_fatal_state *f = skbviz_fatal();
    if (f->armed) {
        f->armed = 0;
        tcsetattr(STDIN_FILENO, TCSANOW, &f->termios);
        ssize_t ignored = write(STDOUT_FILENO, f->sequence, f->length);
        (void)ignored;
        skbviz_fatal_write_report(f, sig);
    }
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = SIG_DFL;
    sigemptyset(&action.sa_mask);
    sigaction(sig, &action, NULL);
    /* Blocked while the handler runs: delivered, with the default action, on return (a
       fault re-executes its instruction and faults again, the same way). */
    raise(sig);
}

/* Where a crash of the armed viewer writes its report (a file that must not exist yet), so
   that the runtime's backtracer never draws over the user's screen. */
static inline void skbviz_fatal_report(const char *path) {
    struct skbviz_fatal_state *f = skbviz_fatal();
    size_t n = strlen(path);
    if (n >= sizeof f->report) return;
    memcpy(f->report, path, n + 1);
    int written = snprintf(f->note, sizeof f->note, "skbviz: crashed; the crash report (signal and call stack) is in %s\n", path);
    f->noteLength = written > 0 && (size_t)written < sizeof f->note ? (size_t)written : 0;
    /* The first backtrace() loads the unwinder, which allocates: do it now, not in the handler. */
    void *frame[1];
    (void)backtrace(frame, 1);
}

/* Saves the tty modes and installs the handlers; call before curses changes the modes. */
static inline void skbviz_fatal_prepare(void) {
    struct skbviz_fatal_state *f = skbviz_fatal();
    if (tcgetattr(STDIN_FILENO, &f->termios) != 0) return;
    for (int i = 0; i < 5; i++) {
        struct sigaction action;
        memset(&action, 0, sizeof action);
        action.sa_handler = skbviz_fatal_handler;
        sigemptyset(&action.sa_mask);
        sigaction(skbviz_fatal_signals[i], &action, &f->previous[i]);
    }
}

/* Appends a terminfo string capability to the restore sequence, if the terminal has it. */
static inline void skbviz_fatal_append(const char *name) {
    char *value = tigetstr(name);
    if (value == NULL || value == (char *)-1) return;
    struct skbviz_fatal_state *f = skbviz_fatal();
    size_t n = strlen(value);
    if (f->length + n > sizeof f->sequence) return;
    memcpy(f->sequence + f->length, value, n);
    f->length += n;
}

/* Arms the handlers once curses has loaded the terminal's description. */
static inline void skbviz_fatal_arm(void) {
    skbviz_fatal()->length = 0;
    skbviz_fatal_append("sgr0");
    skbviz_fatal_append("cnorm");
    skbviz_fatal_append("rmcup");
    skbviz_fatal_append("rmkx");
    skbviz_fatal()->armed = 1;
}

/* Disarms the handlers and puts back the ones before (the runtime's backtracer). */
static inline void skbviz_fatal_disarm(void) {
    struct skbviz_fatal_state *f = skbviz_fatal();
    f->armed = 0;
    for (int i = 0; i < 5; i++) sigaction(skbviz_fatal_signals[i], &f->previous[i], NULL);
}
#endif
