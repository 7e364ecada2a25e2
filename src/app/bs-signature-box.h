/* bs-signature-box.h — the visible signature's box on the page. It
 * follows the pointer one to one: dragged to move it, its corner handle
 * dragged to resize it, a press elsewhere on the page (any page) puts it
 * there. With the keyboard: arrows move it (Shift: further), Ctrl+arrows
 * resize it. It edits the document's page and rectangle (points as
 * displayed, top-left origin); a document never placed starts bottom
 * right, above the margin. "document" is the BsAppDocument it edits.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "bs-app-document.h"
#include "bs-page-view.h"

G_BEGIN_DECLS

#define BS_TYPE_SIGNATURE_BOX (bs_signature_box_get_type ())
G_DECLARE_FINAL_TYPE (BsSignatureBox, bs_signature_box, BS, SIGNATURE_BOX, GtkWidget)

/* A box over @view's page (it lives in the view's overlay). */
GtkWidget *bs_signature_box_new  (BsPageView *view);
/* Edits @doc (NULL hides the box). */
void       bs_signature_box_set_document (BsSignatureBox *self, BsAppDocument *doc);
/* The specimen image drawn in the box (NULL: a label). */
void       bs_signature_box_set_specimen (BsSignatureBox *self, const char *path);

G_END_DECLS
