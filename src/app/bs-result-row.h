/* bs-result-row.h — one document in the signing results: signed (the
 * output's name, "Open", "Show in folder") or not and why. When no program
 * can open the file or its folder, the row says so and copies the path to
 * the clipboard instead of failing silently ("note").
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "bs-app-document.h"

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define BS_TYPE_RESULT_ROW (bs_result_row_get_type ())
G_DECLARE_FINAL_TYPE (BsResultRow, bs_result_row, BS, RESULT_ROW, GtkListBoxRow)

GtkWidget *bs_result_row_new (BsAppDocument *doc);

G_END_DECLS
