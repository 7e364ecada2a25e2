/* bs-verify-page.h — a document's verdict in a banner at its top left
 * (DESIGN.md §3 wording, colour and icon per verdict), the document below,
 * and "Details" with every signature's findings. Works without login.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "bs-window.h"

G_BEGIN_DECLS

#define BS_TYPE_VERIFY_PAGE (bs_verify_page_get_type ())
G_DECLARE_FINAL_TYPE (BsVerifyPage, bs_verify_page, BS, VERIFY_PAGE, GtkBox)

GtkWidget  *bs_verify_page_new  (BsWindow *window);
void        bs_verify_page_open (BsVerifyPage *self, GFile *file);
/* The banner's text once verified, else NULL (UI tests). */
const char *bs_verify_page_get_verdict_text (BsVerifyPage *self);
/* The details as text, or NULL. */
char       *bs_verify_page_dup_details (BsVerifyPage *self);
/* Opens signature @index's signed version beside the current document
 * (the copy is made on a worker; the window appears when it is done). */
void        bs_verify_page_compare (BsVerifyPage *self, guint index);
/* The comparison window once open, else NULL. */
GtkWidget  *bs_verify_page_get_compare_window (BsVerifyPage *self);
/* Opens the details window. */
GtkWidget  *bs_verify_page_show_details (BsVerifyPage *self);

G_END_DECLS
