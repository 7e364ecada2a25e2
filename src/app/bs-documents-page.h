/* bs-documents-page.h — the documents to sign: added by the file chooser,
 * a folder or a drop; each shown when selected, with its own visualisation
 * (invisible, or a box placed on a page); "Sign" signs them all.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "bs-page-view.h"
#include "bs-window.h"

G_BEGIN_DECLS

#define BS_TYPE_DOCUMENTS_PAGE (bs_documents_page_get_type ())
G_DECLARE_FINAL_TYPE (BsDocumentsPage, bs_documents_page, BS, DOCUMENTS_PAGE, GtkBox)

GtkWidget  *bs_documents_page_new      (BsWindow *window);
/* Adds a PDF (what a drop or the file chooser does). */
void        bs_documents_page_add_file (BsDocumentsPage *self, GFile *file);
/* The documents, BsAppDocument (transfer none). */
GPtrArray  *bs_documents_page_get_documents (BsDocumentsPage *self);
/* Selects document @index and shows it. */
void        bs_documents_page_select   (BsDocumentsPage *self, guint index);
/* Removes the selected document (the Delete key). */
void        bs_documents_page_remove_selected (BsDocumentsPage *self);
/* The selected document's visualisation, as the dropdown sets it. */
void        bs_documents_page_set_visible (BsDocumentsPage *self, gboolean visible);
BsPageView *bs_documents_page_get_view (BsDocumentsPage *self);
GtkWidget  *bs_documents_page_get_signature_box (BsDocumentsPage *self);
/* Signs the selected document into its empty signature field (the
 * offer's button); FALSE when it has none. */
gboolean    bs_documents_page_use_field (BsDocumentsPage *self);
/* Opens the signing dialog (the "Sign" button). */
GtkWidget  *bs_documents_page_sign     (BsDocumentsPage *self);

G_END_DECLS
