/* ui-steps.h — the steps many UI tests take: documents listed, signing
 * through the dialog, verifying a file, reading properties.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ui-harness.h"
#include "bs-app-document.h"

G_BEGIN_DECLS

gboolean       ui_get_bool (gpointer object, const char *name);
guint          ui_get_uint (gpointer object, const char *name);
/* Waits for object property @name to be set; returns it (transfer none). */
gpointer       ui_wait_object (gpointer object, const char *name);

/* The documents listed to sign. */
guint          ui_n_documents (BsWindow *window);
BsAppDocument *ui_document (BsWindow *window, guint index);
/* Clicks document @index in the list (selecting it alone). */
void           ui_select_document (BsWindow *window, guint index);
/* The visualisation chooser above the page. */
void           ui_set_visible (BsWindow *window, gboolean visible);
/* Puts the document's box at @rect (its page as it is). */
void           ui_place (BsAppDocument *doc, const BsDisplayRect *rect);
/* The documents page's page view, and waiting for its page. */
GtkWidget     *ui_documents_view (BsWindow *window);
void           ui_wait_rendered (BsWindow *window);
/* Every page view under @root has drawn its page. */
void           ui_wait_views (GtkWidget *root);

/* "Sign" on the documents page: the dialog that opened. */
GtkWidget     *ui_start_signing (BsWindow *window);
/* Types @secret, signs, waits until the batch ended. */
void           ui_sign (GtkWidget *dialog, const char *secret);

/* Opens @path for verification; waits for and returns its verdict's
 * sentence (transfer full) once its page is drawn. */
char          *ui_verify (BsWindow *window, const char *path);
/* "Details" of the verified document: the window that opened. */
GtkWidget     *ui_open_details (BsWindow *window);

/* The colour of pixel (@x, @y) of page 1 rendered by pdftoppm at 72 dpi. */
guint32        ui_rendered_pixel (DsHarness *h, const char *pdf, int x, int y);

G_END_DECLS
