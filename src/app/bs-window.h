/* bs-window.h — the main window: a header with the configuration button
 * and the user's menu, and one page at a time (welcome, login, OTP,
 * documents, verification).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "bs-application.h"

G_BEGIN_DECLS

#define BS_TYPE_WINDOW (bs_window_get_type ())
G_DECLARE_FINAL_TYPE (BsWindow, bs_window, BS, WINDOW, GtkApplicationWindow)

BsWindow     *bs_window_new         (BsApplication *app);
BsAppContext *bs_window_get_context (BsWindow *self);
/* "welcome", "login", "otp", "documents" or "verify". */
void          bs_window_show_page   (BsWindow *self, const char *name);
/* Files from the desktop or a drop: verified when nobody is logged in,
 * else added to the documents to sign. */
void          bs_window_open_files  (BsWindow *self, GFile **files, int n_files);
/* Verifies @file in the verification page. */
void          bs_window_verify_file (BsWindow *self, GFile *file);
/* The page widgets, for the UI tests. */
GtkWidget    *bs_window_get_page    (BsWindow *self, const char *name);

G_END_DECLS
