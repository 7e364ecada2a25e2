/* bs-document-unlock.h — a document listed for signing that opens only
 * with a password: asks for it (BsPasswordDialog), tries it by opening
 * the document the way the page shows it, and gives it to the document
 * (bs_app_document_set_pdf_password(), "has-password" notifies) or asks
 * again. The password then goes with the document to the Esign Client
 * Service (pdfPassword), in memory only, until it is signed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "bs-app-context.h"

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Opens the question over @parent's window; returns the dialog
 * (transfer none; it closes itself once the password opened @doc). */
GtkWidget *bs_document_unlock (GtkWidget *parent, BsAppContext *context, BsAppDocument *doc);

G_END_DECLS
