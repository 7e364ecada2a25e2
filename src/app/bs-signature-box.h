/* bs-signature-box.h — the visible signature's box on the page: dragged to
 * move it, its corner handle dragged to resize it. It edits the document's
 * page and rectangle (points as displayed, top-left origin).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "bs-app-context.h"
#include "bs-page-view.h"

G_BEGIN_DECLS

#define BS_TYPE_SIGNATURE_BOX (bs_signature_box_get_type ())
G_DECLARE_FINAL_TYPE (BsSignatureBox, bs_signature_box, BS, SIGNATURE_BOX, GtkWidget)

GtkWidget *bs_signature_box_new  (BsPageView *view);
/* Edits @doc (borrowed; NULL hides the box). */
void       bs_signature_box_set_document (BsSignatureBox *self, BsAppDocument *doc);
/* The specimen image drawn in the box (NULL: a label). */
void       bs_signature_box_set_specimen (BsSignatureBox *self, const char *path);
/* Moves the box to @rect on the current page, as a drag would (UI tests). */
void       bs_signature_box_place (BsSignatureBox *self, const BsDisplayRect *rect);

G_END_DECLS
