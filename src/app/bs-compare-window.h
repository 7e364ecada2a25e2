/* bs-compare-window.h — "Lihat versi yang ditandatangani": the revision a
 * signature signed, rendered beside the document as it is now.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "bs-window.h"

G_BEGIN_DECLS

#define BS_TYPE_COMPARE_WINDOW (bs_compare_window_get_type ())
G_DECLARE_FINAL_TYPE (BsCompareWindow, bs_compare_window, BS, COMPARE_WINDOW, GtkWindow)

/* Shows @signed_path (removed when the window closes) beside @current_path;
 * @password (copied, or NULL) opens both when the document is protected. */
GtkWidget *bs_compare_window_new (GtkWindow *parent, const char *field_name, const char *signed_path,
                                  const char *current_path, const BsSecret *password);

G_END_DECLS
