/* bs-window.h — the main window: a header with the configuration button
 * and the user's menu, and one page at a time (welcome, login, OTP,
 * documents, verification).
 *
 * Everything is reached through its actions: win.show-page (s),
 * win.open-files (as: URIs, signed when someone can sign, else the first
 * one verified), win.verify-file (s: a URI), win.open (Ctrl+O),
 * win.browse-verify, win.use-certificate-file, win.settings,
 * win.certificate (i: BsCertAction; a BeSign account's only),
 * win.certificate-unavailable (with an Esign Client Service: says why
 * the certificate cannot be managed here), win.logout, win.about. "page" is the
 * page shown.
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

G_END_DECLS
