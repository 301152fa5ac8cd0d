// What Swift cannot import from ncursesw: feature macros, cast-macro attributes,
// line-drawing tables, KEY_F(n) and the global variables (read through functions so
// Swift 6 sees no shared mutable state).
#ifndef QUIQPAY_CNCURSESW_SHIM_H
#define QUIQPAY_CNCURSESW_SHIM_H

// SwiftPM drops pkg-config -D flags, so the wide-character API is switched on here.
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif

#include <locale.h>
#include <stdio.h>
#include <wchar.h>
#include <ncursesw/curses.h>
#include <ncursesw/term.h>

static inline WINDOW *qp_stdscr(void) { return stdscr; }
static inline int qp_lines(void) { return LINES; }
static inline int qp_cols(void) { return COLS; }
static inline int qp_colors(void) { return COLORS; }
static inline int qp_color_pairs(void) { return COLOR_PAIRS; }
static inline void qp_getmaxyx(WINDOW *w, int *y, int *x) { getmaxyx(w, *y, *x); }

static inline attr_t qp_a_normal(void) { return A_NORMAL; }
static inline attr_t qp_a_bold(void) { return A_BOLD; }
static inline attr_t qp_a_dim(void) { return A_DIM; }
static inline attr_t qp_a_underline(void) { return A_UNDERLINE; }
static inline attr_t qp_a_reverse(void) { return A_REVERSE; }
static inline attr_t qp_a_blink(void) { return A_BLINK; }
static inline attr_t qp_a_italic(void) { return A_ITALIC; }

static inline int qp_key_f(int n) { return KEY_F(n); }

/// Whether the terminal description says it takes 24-bit colour values directly.
static inline int qp_has_direct_colour(void) { return tigetflag("RGB") > 0; }

/// What terminfo says of terminal type `term`, without starting curses (for `quiqpay doctor`):
/// colours, the RGB flag, and whether the entry has `Ms` (OSC 52, set the clipboard).
/// Returns 0 when the type is unknown. The entry is loaded and freed here; any current one stays.
static inline int qp_terminfo_lookup(const char *term, int *colours, int *rgb, int *clipboard) {
    int error = 0;
    TERMINAL *previous = cur_term;
    if (setupterm((char *)term, 1, &error) != OK) { set_curterm(previous); return 0; }
    *colours = tigetnum("colors");
    *rgb = tigetflag("RGB") > 0;
    char *ms = tigetstr("Ms");
    *clipboard = ms != NULL && ms != (char *)-1;
    TERMINAL *loaded = set_curterm(previous);
    del_curterm(loaded);
    return 1;
}

/// One wide character with attributes and an extended (int) colour pair.
static inline int qp_setcchar(cchar_t *cell, const wchar_t *text, attr_t attrs, int pair) {
    return setcchar(cell, text, attrs, 0, &pair);
}

// Line drawing, wide and narrow, for terminals or locales where Unicode box characters fail.
static inline const cchar_t *qp_wacs_hline(void) { return WACS_HLINE; }
static inline const cchar_t *qp_wacs_vline(void) { return WACS_VLINE; }
static inline const cchar_t *qp_wacs_ulcorner(void) { return WACS_ULCORNER; }
static inline const cchar_t *qp_wacs_urcorner(void) { return WACS_URCORNER; }
static inline const cchar_t *qp_wacs_llcorner(void) { return WACS_LLCORNER; }
static inline const cchar_t *qp_wacs_lrcorner(void) { return WACS_LRCORNER; }
static inline chtype qp_acs_hline(void) { return ACS_HLINE; }
static inline chtype qp_acs_vline(void) { return ACS_VLINE; }

#endif
