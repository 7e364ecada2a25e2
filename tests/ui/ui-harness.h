/* ui-harness.h — running the real BeSign window under Xvfb for a test,
 * against a real besign-devserver, and driving it as a person would:
 * typing into its fields, pressing its buttons (their actions), moving the
 * pointer and pressing keys through the X server (XTest), and reading what
 * it shows (properties, labels). Each step can save a screenshot.
 *
 * Criticals and warnings are fatal (G_DEBUG=fatal-criticals and a log
 * writer of our own), so a test fails on any of them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ds-harness.h"
#include "bs-application.h"
#include "bs-window.h"

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define UI_TIMEOUT_S 90

typedef void (*UiScenario) (BsWindow *window, DsHarness *h);

/* Sets the environment of a UI test (call first in main); @language is
 * the LANGUAGE the window speaks ("id"; NULL: English unless the run asks
 * for another; "": whatever the environment says). */
void        ui_init (int *argc, char ***argv, const char *language);
/* Adds @path running @scenario in a new application and window, against a
 * new dev server. */
void        ui_add (const char *path, UiScenario scenario);
/* The command-line arguments of a run, made once the server is up
 * (transfer full, NULL-terminated). */
typedef char **(*UiArguments) (DsHarness *h);
/* Like ui_add(), the application started with @arguments' arguments. */
void        ui_add_with_arguments (const char *path, UiScenario scenario, UiArguments arguments);

/* Runs the main loop until @done says so (fails after UI_TIMEOUT_S). */
void        ui_wait (gboolean (*done) (gpointer), gpointer data, const char *what);
/* Until boolean property @name of @object is @value. */
void        ui_wait_bool (gpointer object, const char *name, gboolean value);
/* Until string property @name of @object is set (not NULL); returns it
 * (transfer full). */
char       *ui_wait_string (gpointer object, const char *name);
/* Lets GTK lay out and draw what changed. */
void        ui_settle (void);
/* Saves @target (a window or a widget) as "<name>.png" in the run's
 * screenshot folder (prefixed "id-" in Indonesian, "dark-" in the dark
 * theme). */
void        ui_screenshot (GtkWidget *target, const char *name);

/* The page @name of @window and the visible one's name. */
GtkWidget  *ui_page (BsWindow *window, const char *name);
void        ui_wait_page (BsWindow *window, const char *name);
/* The template child @name of @widget (of the type that declares it). */
gpointer    ui_child (gpointer widget, const char *name);
/* Types @text into the editable template child @name of @widget. */
void        ui_type (gpointer widget, const char *name, const char *text);
/* Activates @action on @widget (the button, key or menu item naming it);
 * @format and what follows are the parameter (NULL for none). Fails when
 * the action is disabled. */
void        ui_activate (gpointer widget, const char *action, const char *format, ...);
gboolean    ui_action_enabled (gpointer widget, const char *action);
/* The newest visible toplevel window of @type (a dialog that opened). */
GtkWidget  *ui_wait_window (GType type);
/* Every label's text under @widget, one per line (transfer full). */
char       *ui_text (GtkWidget *widget);
/* The first widget of @type under @root (depth first), or NULL. */
GtkWidget  *ui_find (GtkWidget *root, GType type);

/* A copy of the demo letter as @name in the harness folder (transfer full). */
char       *ui_make_pdf (DsHarness *h, const char *name);
/* Drops @paths on the window, as the desktop does. */
void        ui_drop (BsWindow *window, char **paths, int n);
/* Logs in with the demo account (password, then a TOTP code). */
void        ui_log_in (BsWindow *window, DsHarness *h);
/* besign-cli verify --trust (the dev CA) on @path; its exit status. */
int         ui_verify_with_cli (DsHarness *h, const char *path);

/* Real input through the X server (XTest): the pointer moves to @x, @y of
 * @widget, is pressed, moved by @dx, @dy in @steps, and released. */
void        ui_drag (GtkWidget *widget, double x, double y, double dx, double dy, int steps);
void        ui_click (GtkWidget *widget, double x, double y);
/* A click with Shift and/or Control held. */
void        ui_click_with (GtkWidget *widget, double x, double y, GdkModifierType mods);
/* Presses @keyval (with Shift/Control when in @mods) in @window. */
void        ui_key (GtkWidget *window, guint keyval, GdkModifierType mods);

G_END_DECLS
