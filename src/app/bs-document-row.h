/* bs-document-row.h — one document in the list to sign: its name and what
 * signing it gave (the output's name, or why it failed), kept up to date
 * from the document. "document" is the BsAppDocument shown.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "bs-app-document.h"

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define BS_TYPE_DOCUMENT_ROW (bs_document_row_get_type ())
G_DECLARE_FINAL_TYPE (BsDocumentRow, bs_document_row, BS, DOCUMENT_ROW, GtkListBoxRow)

GtkWidget     *bs_document_row_new (BsAppDocument *doc);
BsAppDocument *bs_document_row_get_document (BsDocumentRow *self);

G_END_DECLS
