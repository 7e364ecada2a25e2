/* bs-documents-page.h — the documents to sign: added by the file chooser,
 * a folder or a drop; the current one shown with its own visualisation
 * (invisible, a box placed on any page, or its own empty field); each
 * listed with what signing it gave. Several can be selected (Ctrl/Shift
 * click, Ctrl+A) and removed at once (Delete).
 *
 * Actions: documents.browse, documents.add-folder, documents.add (as:
 * URIs), documents.remove, documents.select-all, documents.sign (signs
 * those not signed yet; Ctrl+Enter), documents.use-field. Properties:
 * "documents" (GListModel of BsAppDocument), "current" (the one shown).
 * The list empties when the user logs out.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "bs-page.h"

G_BEGIN_DECLS

#define BS_TYPE_DOCUMENTS_PAGE (bs_documents_page_get_type ())
G_DECLARE_FINAL_TYPE (BsDocumentsPage, bs_documents_page, BS, DOCUMENTS_PAGE, BsPage)

G_END_DECLS
